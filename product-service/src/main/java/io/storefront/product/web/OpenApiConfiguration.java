package io.storefront.product.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

import org.springframework.context.annotation.Configuration;

/**
 * The API description at {@code /v3/api-docs} (and the page at {@code /docs}).
 * storefront-web adds the bearer-token scheme and the errors every endpoint shares.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Storefront product service", version = "1.0.0",
		description = "The product catalog. Reads are public; writes need an admin access token from auth-service. "
				+ "Every error is application/problem+json (RFC 9457)."),
		servers = @Server(url = "http://localhost:8002", description = "./storefront up"))
class OpenApiConfiguration {

}
