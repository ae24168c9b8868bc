package io.storefront.web.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

/**
 * What every service's API description shares: snake_case schemas, and the error responses that come
 * from storefront-web rather than from the controllers (400, 413, 415 and 422 for a JSON body, 503
 * wherever the database is used).
 */
public final class OpenApiDefaults {

	private OpenApiDefaults() {
	}

	/**
	 * Springdoc describes bodies with its own Jackson 2 mapper, which does not know the application's
	 * (Jackson 3) snake_case naming; without this the schemas would say {@code fullName} where the API
	 * reads and writes {@code full_name}.
	 */
	public static ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.openapi31(true);
	}

	public static OperationCustomizer sharedProblemResponses() {
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
