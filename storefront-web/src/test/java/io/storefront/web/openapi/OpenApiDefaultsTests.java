package io.storefront.web.openapi;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the shared defaults derive from an operation alone. */
class OpenApiDefaultsTests {

	@Test
	void ifMatchMeansAnOutdatedVersionIsA412() {
		Operation operation = new Operation().addParametersItem(new HeaderParameter().name("If-Match"));

		describe(operation);

		assertThat(operation.getResponses().get("412").getDescription())
			.isEqualTo("If-Match names an outdated version");
	}

	@Test
	void withoutIfMatchThereIsNo412() {
		Operation operation = new Operation().addParametersItem(new PathParameter().name("id"));

		describe(operation);

		assertThat(operation.getResponses()).doesNotContainKey("412");
	}

	@Test
	void aBodyMakesA422ForItsFields() {
		Operation operation = new Operation().requestBody(new RequestBody());

		describe(operation);

		assertThat(operation.getResponses().get("422").getDescription())
			.isEqualTo("A field is missing, of the wrong type or invalid; `errors` names each");
	}

	@Test
	void anOperationsOwn422ComesFirstAndABodyAddsItsFields() {
		Operation operation = new Operation().requestBody(new RequestBody())
			.responses(new ApiResponses().addApiResponse("422",
					new ApiResponse().description("the id is not a positive whole number")));

		describe(operation);

		assertThat(operation.getResponses().get("422").getDescription())
			.isEqualTo("the id is not a positive whole number, or a field is invalid");
	}

	@Test
	void the401SaysWhetherTheTokenIsNeededOptionalOrNotNeeded() {
		Operation needed = new Operation().addSecurityItem(new SecurityRequirement().addList(OpenApiDefaults.BEARER));
		Operation optional = new Operation()
			.security(List.of(new SecurityRequirement().addList(OpenApiDefaults.BEARER), new SecurityRequirement()));
		Operation none = new Operation();

		describe(needed, optional, none);

		assertThat(needed.getResponses().get("401").getDescription())
			.isEqualTo("The bearer token is missing, invalid or expired");
		assertThat(optional.getResponses().get("401").getDescription())
			.isEqualTo("A bearer token was sent but is invalid or expired");
		assertThat(none.getResponses().get("401").getDescription())
			.isEqualTo("A bearer token was sent and is invalid or expired (this operation needs none)");
		assertThat(none.getSecurity()).isEmpty();
	}

	@Test
	void theBearerSchemeIsDescribedOnlyWhenAnOperationNamesIt() {
		OpenAPI named = describe(
				new Operation().addSecurityItem(new SecurityRequirement().addList(OpenApiDefaults.BEARER)));
		OpenAPI unnamed = describe(new Operation());

		assertThat(named.getComponents().getSecuritySchemes().get(OpenApiDefaults.BEARER).getScheme())
			.isEqualTo("bearer");
		assertThat(unnamed.getComponents().getSecuritySchemes()).isNull();
	}

	private static OpenAPI describe(Operation... operations) {
		Paths paths = new Paths();
		for (int i = 0; i < operations.length; i++) {
			paths.addPathItem("/things/" + i, new PathItem().get(operations[i]));
		}
		OpenAPI openApi = new OpenAPI().paths(paths);
		OpenApiDefaults.sharedResponses().customise(openApi);
		return openApi;
	}

}
