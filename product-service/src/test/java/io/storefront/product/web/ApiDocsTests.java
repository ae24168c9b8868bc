package io.storefront.product.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiDescription;
import io.storefront.web.testing.MappedRoutes;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTests extends ProductApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteIsDescribedWithItsErrorsAsProblems() throws Exception {
		ApiDescription.assertDescribesExactly(get("/v3/api-docs").body(), MappedRoutes.ofApi(this.mappings));
	}

	@Test
	void theDescriptionHoldsTheResponsesAndSchemasClientsRelyOn() {
		HttpResponse<String> response = get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode docs = body(response);
		JsonNode paths = docs.get("paths");
		assertThat(paths.get("/products").propertyNames()).contains("get", "post");
		assertThat(paths.get("/products/{id}").propertyNames()).contains("get", "put", "delete");
		assertThat(paths.get("/products").get("post").get("responses").propertyNames()).contains("201", "400", "401",
				"403", "409", "422");
		assertThat(paths.get("/products/{id}").get("put").get("responses").propertyNames()).contains("200", "404",
				"409", "412", "422");
		assertThat(paths.get("/products/{id}").get("get").get("responses").get("404").get("content").propertyNames())
			.contains("application/problem+json");
		assertThat(paths.get("/products").get("post").get("security")).isNotNull();
		assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
			.isEqualTo("bearer");
		JsonNode product = docs.get("components").get("schemas").get("Product").get("properties");
		assertThat(product.propertyNames()).contains("id", "sku", "price", "created_at", "updated_at");
		JsonNode request = docs.get("components").get("schemas").get("ProductRequest");
		assertThat(request.get("required").values().stream().map(JsonNode::asString)).contains("sku", "name", "price",
				"currency", "stock", "category");
	}

	@Test
	void servedDescriptionIsValidOpenApi() {
		assertThat(ApiDescription.structuralProblems(get("/v3/api-docs").body())).isEmpty();
	}

	@Test
	void publishedDescriptionIsWhatTheServiceServes() throws Exception {
		ApiDescription.assertPublished("product", get("/v3/api-docs").body());
	}

	@Test
	void priceIsDescribedAsTheNumberItIs() {
		JsonNode price = body(get("/v3/api-docs")).get("components")
			.get("schemas")
			.get("Product")
			.get("properties")
			.get("price");

		assertThat(price.get("type").asString()).isEqualTo("number");
		assertThat(price.has("format")).isFalse();
		assertThat(price.get("minimum").asInt()).isZero();
		assertThat(price.get("maximum").decimalValue()).isEqualByComparingTo("9999999999.99");
	}

	@Test
	void stockIsDescribedWithItsBounds() {
		JsonNode stock = body(get("/v3/api-docs")).get("components")
			.get("schemas")
			.get("Product")
			.get("properties")
			.get("stock");

		assertThat(stock.get("minimum").asInt()).isZero();
		assertThat(stock.get("maximum").asInt()).isEqualTo(1_000_000_000);
	}

	@Test
	void docsPageIsServed() throws Exception {
		HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

		HttpResponse<String> page = following.send(HttpRequest.newBuilder(uri("/docs")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("swagger");
	}

}
