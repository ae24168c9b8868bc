package io.storefront.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import io.storefront.web.security.StorefrontSecurity;

/**
 * Who may call what. Registration, login, refresh, logout and the JWKS are open, and the
 * first four pass over an access token that does not verify (logout uses one that does);
 * the account routes need a bearer token whatever the method (HEAD runs the GET handler,
 * which must never see a request without a token); a wrong method with a token is a 405.
 * Everything else is permitted so that an unknown route is a 404.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain authSecurity(HttpSecurity http, StorefrontSecurity security, JwtDecoder decoder)
			throws Exception {
		security.configure(http, decoder, "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
				.permitAll()
				.requestMatchers("/auth/me", "/auth/users/*")
				.authenticated()
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
