package io.storefront.product.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.product.ProductServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database stopped under load and started again (contract section 4), on a PostgreSQL
 * of its own: every request is answered within seconds, 200 or 503 problem+json, never
 * after the 30 s pool timeout and never 500; the health endpoints say so while the
 * process stays up; and the service is healthy again after the database's return, with no
 * restart. The monitor needs its 1 s interval and 2 s probe limit to notice either
 * change; the test allows 13 s and 30 s, room a loaded two-core machine needs, so it
 * proves the recovery, not its speed.
 */
@Tag("reliability")
@SpringBootTest(classes = ProductServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTests {

	private static final TestPostgres postgres = TestPostgres.dedicated();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> postgres.databaseUrl(KnownServices.PRODUCT));
	}

	@AfterAll
	static void removeDatabase() {
		postgres.close();
	}

	@Test
	void requestsWhileTheDatabaseGoesAwayAreAnsweredWithinSecondsAndTheServiceRecoversByItself() throws Exception {
		long id = seedProduct();
		assertThat(get("/products/" + id).statusCode()).isEqualTo(200);
		HttpLoad load = HttpLoad.start(6, (client, n) -> (n % 3 == 2) ? "/products?limit=5" : "/products/" + id,
				this::get);
		Thread.sleep(500);

		long stopped = System.nanoTime();
		postgres.stop();

		// The monitor notices within its 1 s interval and the 2 s probe limit; the rest
		// is margin for a slow machine.
		await().atMost(Duration.ofSeconds(1 + 2 + 10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(get("/health").statusCode()).isEqualTo(503));
		assertThat(get("/health/ready").statusCode()).isEqualTo(503);
		assertThat(get("/health/live").statusCode()).as("the process stays up").isEqualTo(200);
		Thread.sleep(Math.max(0, Duration.ofSeconds(3).minusNanos(System.nanoTime() - stopped).toMillis()));
		List<HttpLoad.Answer> answers = load.stop();

		assertThat(answers).filteredOn((answer) -> answer.startedAt() > stopped)
			.as("requests during the outage")
			.isNotEmpty()
			.anySatisfy((answer) -> assertThat(answer.status()).isEqualTo(503));
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isIn(200, 503);
			assertThat(answer.took()).as("answered quickly, not after the pool timeout: %s", answer)
				.isLessThan(Duration.ofSeconds(5));
			if (answer.status() == 503) {
				assertThat(answer.contentType()).startsWith("application/problem+json");
				assertThat(answer.retryAfter()).isNotBlank();
				assertThat(JsonMapper.builder().build().readTree(answer.body()).get("detail").asString())
					.isEqualTo("the database is unavailable; retry shortly");
			}
		});

		postgres.start();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get("/health").statusCode()).isEqualTo(200));
		assertThat(get("/health/ready").statusCode()).isEqualTo(200);
		HttpResponse<String> product = get("/products/" + id);
		assertThat(product.statusCode()).as(product.body()).isEqualTo(200);
		assertThat(product.body()).contains("\"name\":\"Outage-proof product\"");
	}

	private long seedProduct() throws Exception {
		try (Connection admin = postgres.adminConnection("product_db");
				Statement statement = admin.createStatement();
				ResultSet row = statement.executeQuery("""
						INSERT INTO products (sku, name, price, currency, stock, category)
						VALUES ('SKU-OUTAGE-1', 'Outage-proof product', 9.90, 'USD', 3, 'outage')
						RETURNING id
						""")) {
			row.next();
			return row.getLong(1);
		}
	}

	private HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(Duration.ofSeconds(45))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
