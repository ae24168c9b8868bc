package io.storefront.db.health;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.ServiceOnOwnDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code degraded}, still 200, when the database answers but an operation test failed
 * (contract section 3), with the failed test's reason in {@code errors}. The write test
 * is made to fail for real: it creates a temporary table, and the service's role is
 * refused {@code TEMPORARY} on its database. The service runs on a server of its own, so
 * that no other test's database loses the right.
 */
@Tag("reliability")
class FailedOperationTestTests {

	private static final String DETAILS_TOKEN = "failed-operation-t0ken";

	private static ServiceOnOwnDatabase running;

	@BeforeAll
	static void startServiceOnItsOwnServer() {
		running = ServiceOnOwnDatabase.start(TestPostgres.dedicated(), "HEALTH_DETAILS_TOKEN=" + DETAILS_TOKEN);
	}

	@AfterAll
	static void stopServiceAndDatabase() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void aFailedWriteTestIsDegradedWithItsReasonAndThe200OfADatabaseThatAnswers() throws SQLException {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo("healthy"));

		// Provisioning grants TEMPORARY to the role and takes it from PUBLIC: both go.
		running.postgres().runAsAdmin("postgres", "REVOKE TEMPORARY ON DATABASE auth_db FROM auth_svc, PUBLIC");
		try {
			HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(FailedOperationTestTests::detailed,
						(answer) -> HttpProbe.json(answer).get("errors").has("write_test"));

			assertThat(response.statusCode()).as("degraded is still 200").isEqualTo(200);
			JsonNode body = HttpProbe.json(response);
			assertThat(body.get("overall_status").asString()).isEqualTo("degraded");
			JsonNode operations = body.get("operation_tests");
			assertThat(operations.get("connection_test").asBoolean()).isTrue();
			assertThat(operations.get("read_test").asBoolean()).isTrue();
			assertThat(operations.get("write_test").isBoolean()).isTrue();
			assertThat(operations.get("write_test").asBoolean()).isFalse();
			assertThat(operations.get("transaction_test").asBoolean()).as("a savepoint needs no temporary table")
				.isTrue();
			JsonNode errors = body.get("errors");
			assertThat(errors.properties()).as("one entry, for the test that failed")
				.singleElement()
				.satisfies((error) -> {
					assertThat(error.getKey()).isEqualTo("write_test");
					assertThat(error.getValue().asString())
						.isEqualTo("permission denied to create temporary tables in database \"auth_db\"");
				});
		}
		finally {
			running.postgres().runAsAdmin("postgres", "GRANT TEMPORARY ON DATABASE auth_db TO auth_svc");
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo("healthy"));
		assertThat(HttpProbe.json(detailed()).get("errors").isEmpty()).isTrue();
	}

	private static String status() {
		return HttpProbe.json(detailed()).get("overall_status").asString();
	}

	private static HttpResponse<String> detailed() {
		return running.service().http().get("/health/detailed", "Authorization", "Bearer " + DETAILS_TOKEN);
	}

}
