package io.storefront.cart.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.cart.CartServiceApplication;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running cart-service the API tests talk to over real HTTP: its own database on the
 * shared embedded PostgreSQL, tokens from a stand-in auth service, and a stand-in product
 * service. Every test class extending this shares one application context; each test
 * starts with a healthy product service and a closed circuit breaker.
 */
@SpringBootTest(classes = CartServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CartApiTestSupport {

	protected static final TestTokens tokens = SharedTokens.tokens();

	protected static final ProductServiceStub products = ProductServiceStub.shared();

	/** Reads decimals exactly, so a test can tell 0.30 from 0.3. */
	protected static final ObjectMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected CircuitBreaker productServiceBreaker;

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> TestPostgres.shared().databaseUrl(KnownServices.CART));
		registry.add("AUTH_JWKS_URL", tokens::jwksUrl);
		registry.add("PRODUCT_SERVICE_URL", products::url);
	}

	@BeforeEach
	void healthyProductService() {
		products.reset();
		this.productServiceBreaker.reset();
	}

	protected static String newUser() {
		return UUID.randomUUID().toString();
	}

	/** {@code resilience4j_retry_calls_total} of that kind, as /metrics says now. */
	protected double retryCalls(String kind) {
		return get("/metrics", null).body()
			.lines()
			.filter((line) -> line.startsWith("resilience4j_retry_calls_total{")
					&& line.contains("kind=\"" + kind + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	protected Response get(String path, String token) {
		return send("GET", path, token, null, null);
	}

	protected Response delete(String path, String token) {
		return send("DELETE", path, token, null, null);
	}

	protected Response post(String path, String token, String body) {
		return send("POST", path, token, "application/json", body);
	}

	protected Response patch(String path, String token, String body) {
		return send("PATCH", path, token, "application/json", body);
	}

	protected Response add(String token, long productId, int quantity) {
		return post("/cart/items", token, "{\"product_id\":" + productId + ",\"quantity\":" + quantity + "}");
	}

	protected Response getAccepting(String path, String token, String accept) {
		return send(this.port, "GET", path, "Bearer " + token, null, null, accept);
	}

	protected Response send(String method, String path, String token, String contentType, String body) {
		return sendRaw(method, path, (token != null) ? "Bearer " + token : null, contentType, body);
	}

	protected Response sendRaw(String method, String path, String authorization, String contentType, String body) {
		return send(this.port, method, path, authorization, contentType, body);
	}

	/**
	 * One request to the cart-service on {@code port}, for tests that run one of their
	 * own.
	 */
	public static Response send(int port, String method, String path, String authorization, String contentType,
			String body) {
		return send(port, method, path, authorization, contentType, body, null);
	}

	/** With the {@code Accept} header {@code accept}, unless it is {@code null}. */
	public static Response send(int port, String method, String path, String authorization, String contentType,
			String body, String accept) {
		return sendHeaders(port, method, path, authorization, contentType, body,
				(accept != null) ? Map.of("Accept", accept) : Map.of());
	}

	/**
	 * A change with further request headers, such as the preconditions
	 * ({@code If-Match}); a JSON body when {@code body} is not {@code null}.
	 */
	protected Response sendWithHeaders(String method, String path, String token, String body,
			Map<String, String> headers) {
		return sendHeaders(this.port, method, path, "Bearer " + token, (body != null) ? "application/json" : null, body,
				headers);
	}

	private static Response sendHeaders(int port, String method, String path, String authorization, String contentType,
			String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		headers.forEach(request::header);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		long started = System.nanoTime();
		try {
			HttpRequest sent = request.build();
			HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			ApiTraffic.observe(sent, body, true, response);
			return new Response(response, took);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The first JSON log line the service wrote whose message starts so. */
	protected static JsonNode logLine(CapturedOutput output, String messageStart) {
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map(json::readTree)
			.filter((line) -> line.path("message").asString("").startsWith(messageStart))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line starting with '" + messageStart + "'"));
	}

	/** Rows the database holds for this user, read directly (not through the API). */
	protected int storedLines(String userId) {
		return this.jdbc.sql("SELECT count(*) FROM cart_items WHERE user_id = CAST(:user_id AS uuid)")
			.param("user_id", userId)
			.query(Integer.class)
			.single();
	}

	/** The quantity in the table itself, of the user's one line for the product. */
	protected int storedQuantity(String userId, long productId) {
		return this.jdbc
			.sql("SELECT quantity FROM cart_items WHERE user_id = CAST(:user_id AS uuid) AND product_id = :product_id")
			.param("user_id", userId)
			.param("product_id", productId)
			.query(Integer.class)
			.single();
	}

	protected int totalStoredLines() {
		return this.jdbc.sql("SELECT count(*) FROM cart_items").query(Integer.class).single();
	}

	/** An HTTP answer, with how long it took. */
	public record Response(HttpResponse<String> raw, Duration took) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return CartApiTestSupport.json.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		/** Asserts an RFC 9457 problem with this status and returns its detail. */
		public String assertProblem(int status) {
			assertThat(status()).as("status of %s", body()).isEqualTo(status);
			assertThat(header("Content-Type")).as("content type").startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("type").asString()).isNotBlank();
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(body()).doesNotContain("Exception").doesNotContain("SELECT").doesNotContain("\tat ");
			return problem.get("detail").asString();
		}

	}

}
