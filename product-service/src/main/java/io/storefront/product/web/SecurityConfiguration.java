package io.storefront.product.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.storefront.web.security.StorefrontSecurity;

/**
 * Reading the catalog is public; changing it needs a token whose {@code roles} include
 * {@code admin}. Everything else is left to the controllers, so an unknown route is a 404
 * and a wrong method a 405.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain productSecurity(HttpSecurity http, StorefrontSecurity security) throws Exception {
		security.configure(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/products", "/products/*")
				.permitAll()
				// only the routes that exist: another method or path gets the
				// controllers' 405 or 404, not a 401 or 403
				.requestMatchers(HttpMethod.POST, "/products")
				.hasRole("admin")
				.requestMatchers(HttpMethod.PUT, "/products/*")
				.hasRole("admin")
				.requestMatchers(HttpMethod.DELETE, "/products/*")
				.hasRole("admin")
				.anyRequest()
				.permitAll());
		return http.build();
	}

}
