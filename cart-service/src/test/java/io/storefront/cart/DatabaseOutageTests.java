package io.storefront.cart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.cart.support.ProductServiceStub;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cart on a database of its own that the test stops and starts: requests answer 503 quickly while
 * it is away, the service recovers without a restart, and what was acknowledged before is still there.
 * Its context is closed afterwards: it is the only one on this database.
 */
@SpringBootTest(classes = CartServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTests {

	private static final TestPostgres postgres = TestPostgres.dedicated();

	private static final TestTokens tokens = TestTokens.start();

	private static final ProductServiceStub products = ProductServiceStub.shared();

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> postgres.databaseUrl(KnownServices.CART));
		registry.add("AUTH_JWKS_URL", tokens::jwksUrl);
		registry.add("PRODUCT_SERVICE_URL", products::url);
	}

	@AfterAll
	static void stopServers() {
		tokens.close();
		postgres.stop();
	}

	@Test
	void whileTheDatabaseIsAwayCartCallsAre503AndTheServiceRecoversByItself() throws Exception {
		products.reset();
		products.product(601, "Durable product", "6.00", "USD", 10);
		String token = tokens.user(UUID.randomUUID().toString());
		assertThat(call("POST", "/cart/items", token, "{\"product_id\":601,\"quantity\":2}").statusCode())
			.isEqualTo(201);

		postgres.stop();
		try {
			// A request that reached the pool before the outage was noticed waits up to DATABASE_POOL_TIMEOUT;
			// once the health probe has seen it, requests are refused at once.
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(call("GET", "/health", token, null).statusCode()).isEqualTo(503));
			long started = System.nanoTime();
			HttpResponse<String> view = call("GET", "/cart", token, null);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			assertThat(view.statusCode()).isEqualTo(503);
			assertThat(view.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(view.headers().firstValue("Retry-After")).isPresent();
			HttpResponse<String> add = call("POST", "/cart/items", token, "{\"product_id\":601,\"quantity\":1}");
			assertThat(add.statusCode()).as("an add, which runs in a transaction").isEqualTo(503);
			assertThat(add.body()).doesNotContain("Exception");
		}
		finally {
			postgres.start();
		}

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(call("GET", "/cart", token, null).statusCode()).isEqualTo(200));
		assertThat(call("GET", "/cart", token, null).body()).contains("\"quantity\":2");
	}

	private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
