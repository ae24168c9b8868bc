package io.storefront.web.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
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

	@Test
	void onlyAnOperationThatAnswersWithABodyCanBeRefusedForItsAcceptHeader() {
		Operation withBody = new Operation().responses(new ApiResponses().addApiResponse("200",
				new ApiResponse().content(new Content().addMediaType("*/*", new MediaType().schema(new Schema<>())))));
		Operation noContent = new Operation()
			.responses(new ApiResponses().addApiResponse("204", new ApiResponse().description("deleted")));

		describe(withBody, noContent);

		assertThat(withBody.getResponses()).containsKey("406");
		assertThat(noContent.getResponses()).doesNotContainKey("406");
	}

	@Test
	void aRefusalForLackingARoleCarriesTheBearerChallenge() {
		Operation operation = new Operation()
			.responses(new ApiResponses().addApiResponse("403", new ApiResponse().description("not an admin")));

		describe(operation);

		assertThat(operation.getResponses().get("403").getHeaders()).containsKey("WWW-Authenticate");
	}

	@Test
	void everyMemberOfAnAnswerIsRequiredButARequestKeepsItsOptionalMembers() {
		Schema<?> line = new ObjectSchema().addProperty("name", new StringSchema())
			.addProperty("note", new StringSchema().nullable(true));
		Schema<?> answer = new ObjectSchema().addProperty("id", new StringSchema())
			.addProperty("lines", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Line")));
		Schema<?> request = new ObjectSchema().addProperty("sku", new StringSchema())
			.addProperty("description", new StringSchema())
			.required(List.of("sku"));
		Schema<?> echoed = new ObjectSchema().addProperty("a", new StringSchema()).addProperty("b", new StringSchema());
		Operation operation = new Operation()
			.requestBody(new RequestBody().content(json("#/components/schemas/Request", "#/components/schemas/Echoed")))
			.responses(new ApiResponses().addApiResponse("200",
					new ApiResponse().content(json("#/components/schemas/Answer", "#/components/schemas/Echoed"))));
		OpenAPI openApi = new OpenAPI().paths(new Paths().addPathItem("/things", new PathItem().post(operation)))
			.components(new Components()
				.schemas(new TreeMap<>(Map.of("Answer", answer, "Line", line, "Request", request, "Echoed", echoed))));

		OpenApiDefaults.sharedResponses().customise(openApi);

		assertThat(answer.getRequired()).containsExactly("id", "lines");
		assertThat(line.getRequired()).containsExactly("name", "note");
		assertThat(request.getRequired()).containsExactly("sku");
		assertThat(echoed.getRequired()).isNull();
		assertThat(openApi.getComponents().getSchemas().get(OpenApiDefaults.PROBLEM).getRequired())
			.containsExactly("type", "title", "status", "detail");
	}

	@Test
	void a415NamesTheHeadersThatSayWhatTheBodyMayBe() {
		Operation post = new Operation().requestBody(new RequestBody());
		Operation patch = new Operation().requestBody(new RequestBody());
		OpenAPI openApi = new OpenAPI().paths(new Paths().addPathItem("/things", new PathItem().post(post))
			.addPathItem("/things/1", new PathItem().patch(patch)));

		OpenApiDefaults.sharedResponses().customise(openApi);

		assertThat(post.getResponses().get("415").getHeaders()).containsOnlyKeys("Accept", "Accept-Encoding");
		assertThat(patch.getResponses().get("415").getHeaders()).containsOnlyKeys("Accept", "Accept-Encoding",
				"Accept-Patch");
	}

	/** A JSON body of the first schema, and of the second as another media type. */
	private static Content json(String ref, String otherRef) {
		return new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ref)))
			.addMediaType("application/vnd.other+json", new MediaType().schema(new Schema<>().$ref(otherRef)));
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
