package io.storefront.product;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product service running as it does in production: real HTTP on a random port, the
 * real PostgreSQL (embedded, provisioned with the least-privilege role) and real RS256
 * tokens checked against a JWKS served over HTTP. Every API test class extends this, so
 * they all share one context. The database is shared too: tests isolate themselves with
 * categories and SKUs of their own.
 */
@SpringBootTest(classes = ProductServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ProductApiTestSupport {

	protected static final TestTokens tokens = Tokens.INSTANCE;

	/**
	 * Reads numbers as written: {@code 19.90} stays a BigDecimal of scale 2, never a
	 * double.
	 */
	protected static final ObjectMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@DynamicPropertySource
	static void productService(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> TestPostgres.shared().databaseUrl(KnownServices.PRODUCT));
		registry.add("AUTH_JWKS_URL", tokens::jwksUrl);
	}

	protected URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	protected HttpResponse<String> get(String path) {
		return exchange(HttpRequest.newBuilder(uri(path)).GET(), null, true);
	}

	protected HttpResponse<String> send(String method, String path, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(request, body, true);
	}

	/**
	 * Sends a request built by the test; its body is not known here, so only the response
	 * is checked.
	 */
	protected HttpResponse<String> send(HttpRequest.Builder request) {
		return exchange(request, null, false);
	}

	/**
	 * Every exchange is handed to {@link ApiTraffic}, which checks it in the test classes
	 * that ask for it.
	 */
	private HttpResponse<String> exchange(HttpRequest.Builder builder, String body, boolean bodyKnown) {
		try {
			HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			ApiTraffic.observe(request, body, bodyKnown, response);
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/** A valid product body; tests change what they need. */
	protected static ObjectNode product(String sku, String name, String category) {
		ObjectNode product = json.createObjectNode();
		product.put("sku", sku);
		product.put("name", name);
		product.put("description", "A product made by a test.");
		product.putRawValue("price", new RawValue("19.90"));
		product.put("currency", "USD");
		product.put("stock", 5);
		product.put("category", category);
		return product;
	}

	/**
	 * Sets a field to JSON exactly as written ({@code 19.90}, {@code "x"}, {@code null}),
	 * with no number conversion.
	 */
	protected static ObjectNode with(ObjectNode product, String field, String rawJson) {
		product.putRawValue(field, new RawValue(rawJson));
		return product;
	}

	/** Creates the product through the API as an admin and returns it. */
	protected JsonNode create(ObjectNode product) {
		HttpResponse<String> response = send("POST", "/products", tokens.admin(), product.toString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return body(response);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected long productCount() {
		return this.jdbc.sql("SELECT count(*) FROM products").query(Long.class).single();
	}

	protected static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").asString()).isNotBlank();
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("    at ");
	}

	/**
	 * One stand-in auth service for the whole test JVM, so every test class sees the same
	 * AUTH_JWKS_URL.
	 */
	private static final class Tokens {

		static final TestTokens INSTANCE = TestTokens.start();

	}

}
