package io.storefront.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ApiTraffic} against a stand-in service whose description says price is a number.
 */
class ApiTrafficTests {

	private static final String DESCRIPTION = """
			{"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
			 "paths": {"/products/{id}": {"get": {"operationId": "get",
			   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
			   "responses": {"200": {"description": "the product", "content": {"application/json": {"schema": {
			     "type": "object", "required": ["price"], "properties": {"price": {"type": "number"}}}}}}}}}}}
			""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ApiTraffic.Checked checked = new ApiTraffic.Checked();

	private HttpServer server;

	private volatile String productBody;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v3/api-docs", (exchange) -> answer(exchange, DESCRIPTION));
		this.server.createContext("/products/", (exchange) -> answer(exchange, this.productBody));
		this.server.start();
		this.checked.beforeEach(null);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aResponseAsDescribedPasses() throws Exception {
		this.productBody = "{\"price\": 19.90}";

		exchange("/products/1");

		this.checked.afterEach(null);
	}

	@Test
	void aPriceSentAsAStringWhereTheDescriptionSaysNumberFails() throws Exception {
		this.productBody = "{\"price\": \"19.90\"}";

		exchange("/products/1");

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.checked.afterEach(null))
			.withMessageContaining("GET")
			.withMessageContaining("price");
	}

	private void exchange(String path) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ApiTraffic.observe(request, null, true, response);
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
