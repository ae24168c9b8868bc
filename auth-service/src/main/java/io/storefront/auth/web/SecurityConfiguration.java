package io.storefront.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.storefront.web.security.StorefrontSecurity;

/**
 * Who may call what. Registration, login, refresh, logout and the JWKS are open; reading an account
 * needs a bearer token. Rules name their HTTP method, so a wrong method is a 405 and not a 401, and
 * everything else is permitted so that an unknown route is a 404.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain authSecurity(HttpSecurity http, StorefrontSecurity security) throws Exception {
		security.configure(http)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/auth/me", "/auth/users/*")
				.authenticated()
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
