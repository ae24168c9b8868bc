package io.storefront.cart.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} (and the page at {@code /docs}) says beyond what springdoc
 * reads from the controllers: the service itself. storefront-web adds the bearer-token
 * scheme and describes every error response as RFC 9457 problem+json.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
		info = @Info(title = "Storefront cart-service", version = "1.0.0",
				description = "The signed-in user's shopping cart. Products are checked through product-service."),
		servers = @Server(url = "http://localhost:8003", description = "./storefront up"))
class ApiDocsConfiguration {

}
