package io.storefront.cart.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} (and the page at {@code /docs}) says beyond what springdoc reads from the
 * controllers: the bearer-token scheme, and that every error response is RFC 9457 problem+json.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Storefront cart-service", version = "1.0.0",
		description = "The signed-in user's shopping cart. Products are checked through product-service."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "An access token from auth-service (POST /auth/login)")
class ApiDocsConfiguration {

	static final String PROBLEM_SCHEMA = "Problem";

	@Bean
	OpenApiCustomizer problemResponses() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations()
					.forEach((operation) -> operation.getResponses().forEach(ApiDocsConfiguration::describeProblem)));
		};
	}

	private static void describeProblem(String status, ApiResponse response) {
		if (status.startsWith("4") || status.startsWith("5")) {
			response.setContent(new Content().addMediaType(
					org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.properties(Map.of("type", new StringSchema().example("about:blank"), "title",
					new StringSchema().example("Conflict"), "status", new IntegerSchema().example(409), "detail",
					new StringSchema().example("only 3 of product 42 in stock; the cart has 2 and 2 more were asked for"),
					"instance", new StringSchema().example("/cart/items")));
	}

}
