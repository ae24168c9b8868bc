package io.storefront.auth.web;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What auth-service's API description needs beyond what springdoc reads from the
 * controllers and what {@code application.properties} says of the service.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * Logout takes a bearer token or none (a refresh token in the body will do).
	 * Springdoc drops the empty requirement that says "or none", so it is added back
	 * here, before storefront-web's shared responses describe its 401 from it.
	 */
	@Bean
	OpenApiCustomizer logoutTokenIsOptional() {
		return (openApi) -> openApi.getPaths().get("/auth/logout").getPost().addSecurityItem(new SecurityRequirement());
	}

}
