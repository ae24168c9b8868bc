package io.storefront.cart.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.storefront.web.security.StorefrontSecurity;

/**
 * Every cart call needs a user's token (role {@code user}; admins have it too). The
 * operational endpoints are opened by {@link StorefrontSecurity}; everything else is left
 * to the dispatcher, so an unknown route is a 404 rather than a 401.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, StorefrontSecurity security) throws Exception {
		security.configure(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/cart", "/cart/**")
				.hasRole("user")
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
