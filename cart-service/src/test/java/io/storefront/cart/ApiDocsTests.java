package io.storefront.cart;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.ApiDescription;
import io.storefront.web.testing.MappedRoutes;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTests extends CartApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteIsDescribedWithItsErrorsAsProblems() throws Exception {
		ApiDescription.assertDescribesExactly(get("/v3/api-docs", null).body(), MappedRoutes.ofApi(this.mappings));
	}

	@Test
	void theDescriptionHoldsTheResponsesAndSchemasClientsRelyOn() {
		Response docs = get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		JsonNode api = docs.json();
		JsonNode paths = api.get("paths");
		assertThat(paths.get("/cart").has("get")).isTrue();
		assertThat(paths.get("/cart").has("delete")).isTrue();
		assertThat(paths.get("/cart/items").has("post")).isTrue();
		assertThat(paths.get("/cart/items/{product_id}").has("patch")).isTrue();
		assertThat(paths.get("/cart/items/{product_id}").has("delete")).isTrue();
		JsonNode add = paths.get("/cart/items").get("post");
		assertThat(add.get("responses").propertyNames()).contains("200", "201", "401", "404", "409", "422", "503");
		assertThat(add.get("responses").get("409").get("content").has("application/problem+json")).isTrue();
		assertThat(add.get("requestBody").toString()).contains("AddItem");
		assertThat(api.get("components").get("schemas").get("AddItem").get("properties").has("product_id")).isTrue();
		assertThat(api.get("components").get("schemas").get("Cart").get("properties").has("line_total")).isFalse();
		assertThat(api.get("components").get("schemas").get("CartItem").get("properties").has("line_total")).isTrue();
		assertThat(api.get("components").get("securitySchemes").has("bearer")).isTrue();
	}

	@Test
	void moneyAndQuantitiesAreDescribedWithTheirBounds() {
		JsonNode schemas = get("/v3/api-docs", null).json().get("components").get("schemas");
		JsonNode item = schemas.get("CartItem").get("properties");
		assertBounds(item.get("unit_price"), "0", "9999999999.99");
		assertBounds(item.get("quantity"), "1", "1000");
		assertBounds(item.get("line_total"), "0", "9999999999990.00");
		assertBounds(schemas.get("Cart").get("properties").get("total"), "0", "999999999999000.00");
	}

	private static void assertBounds(JsonNode property, String minimum, String maximum) {
		assertThat(property.get("minimum").decimalValue()).as(property.toString())
			.isEqualByComparingTo(new BigDecimal(minimum));
		assertThat(property.get("maximum").decimalValue()).as(property.toString())
			.isEqualByComparingTo(new BigDecimal(maximum));
	}

	@Test
	void theServedDescriptionIsValidOpenApi() {
		assertThat(ApiDescription.structuralProblems(get("/v3/api-docs", null).body())).isEmpty();
	}

	@Test
	void thePublishedDescriptionIsWhatTheServiceServes() throws Exception {
		ApiDescription.assertPublished("cart", get("/v3/api-docs", null).body());
	}

	@Test
	void theDocsPageIsServed() throws Exception {
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

		HttpResponse<String> page = browser.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/docs")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("swagger");
	}

}
