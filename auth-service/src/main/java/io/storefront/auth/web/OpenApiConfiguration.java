package io.storefront.auth.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description served at {@code /v3/api-docs} (and browsable at {@code /docs}). Controllers
 * declare their own outcomes; the errors every endpoint shares come from storefront-web's handling
 * and are added here: for a JSON body 400, 413, 415 and 422, and 503 wherever the database is used.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Storefront auth-service", version = "1.0.0",
		description = "Accounts, login with rotating refresh tokens, and the RS256 keys every service verifies tokens with. "
				+ "Errors are RFC 9457 application/problem+json."))
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		bearerFormat = "JWT")
public class OpenApiConfiguration {

	public static final String BEARER = "bearer";

	/**
	 * Springdoc describes bodies with its own Jackson 2 mapper, which does not know the application's
	 * (Jackson 3) snake_case naming; without this the schemas would say {@code fullName} where the API
	 * reads and writes {@code full_name}.
	 */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	@Bean
	OperationCustomizer sharedProblemResponses() {
		return (operation, handler) -> {
			boolean hasBody = operation.getRequestBody() != null;
			if (hasBody) {
				add(operation, "400", "The body is not valid JSON");
				add(operation, "413", "The body is larger than 1 MiB");
				add(operation, "415", "The body is not application/json");
				add(operation, "422", "A field is missing, of the wrong type or invalid; `errors` names each");
			}
			if (hasBody || operation.getSecurity() != null) {
				add(operation, "503", "The database is unavailable; retry after Retry-After seconds");
			}
			return operation;
		};
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		operation.getResponses()
			.putIfAbsent(status, new ApiResponse().description(description)
				.content(new Content().addMediaType("application/problem+json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
	}

}
