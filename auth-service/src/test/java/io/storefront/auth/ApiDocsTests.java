package io.storefront.auth;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.storefront.auth.AuthApi.Response;
import io.storefront.web.testing.ApiDescription;
import io.storefront.web.testing.MappedRoutes;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTests extends AuthServiceTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteIsDescribedWithItsErrorsAsProblems() throws Exception {
		ApiDescription.assertDescribesExactly(api().get("/v3/api-docs", null).body(),
				MappedRoutes.ofApi(this.mappings));
	}

	@Test
	void theDescriptionHoldsTheResponsesAndSchemasClientsRelyOn() {
		Response docs = api().get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/auth/register")).isTrue();
		assertThat(paths.has("/auth/login")).isTrue();
		assertThat(paths.has("/auth/refresh")).isTrue();
		assertThat(paths.has("/auth/logout")).isTrue();
		assertThat(paths.has("/auth/me")).isTrue();
		assertThat(paths.has("/auth/users/{id}")).isTrue();
		assertThat(paths.has("/.well-known/jwks.json")).isTrue();
		JsonNode register = paths.get("/auth/register").get("post").get("responses");
		assertThat(register.has("201")).isTrue();
		assertThat(register.has("409")).isTrue();
		assertThat(register.has("422")).isTrue();
		assertThat(register.has("413")).isTrue();
		assertThat(paths.get("/auth/login").get("post").get("responses").has("401")).isTrue();
		assertThat(paths.get("/auth/me").get("get").get("security")).isNotNull();
		assertThat(paths.get("/auth/me").get("get").has("parameters")).as("the principal is not a parameter").isFalse();
		JsonNode schemas = docs.json().get("components").get("schemas");
		assertThat(schemas.get("RegisterRequest").get("properties").has("full_name")).isTrue();
		assertThat(schemas.get("TokenResponse").get("properties").has("access_token")).isTrue();
		assertThat(schemas.get("UserResponse").get("properties").has("created_at")).isTrue();
		assertThat(schemas.get("Problem")).as("the problem schema every error refers to").isNotNull();
	}

	@Test
	void theServedDescriptionIsValidOpenApi() {
		assertThat(ApiDescription.structuralProblems(api().get("/v3/api-docs", null).body())).isEmpty();
	}

	@Test
	void thePublishedDescriptionIsWhatTheServiceServes() throws Exception {
		ApiDescription.assertPublished("auth", api().get("/v3/api-docs", null).body());
	}

	@Test
	void theDocsPageIsServed() {
		Response page = api().get("/docs", null);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("swagger");
	}

}
