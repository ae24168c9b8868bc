package io.storefront.auth.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description served at {@code /v3/api-docs} (and browsable at {@code /docs}).
 * Controllers declare their own outcomes; storefront-web adds the bearer-token scheme,
 * the errors every endpoint shares and the snake_case schemas.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Storefront auth-service", version = "1.0.0",
		description = "Accounts, login with rotating refresh tokens, and the RS256 keys every service verifies tokens with. "
				+ "Errors are RFC 9457 application/problem+json."),
		servers = @Server(url = "http://localhost:8001", description = "./storefront up"))
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
