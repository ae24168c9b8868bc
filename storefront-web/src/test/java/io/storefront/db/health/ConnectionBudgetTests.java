package io.storefront.db.health;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code degraded} when the server's connection budget is nearly spent (contract section
 * 3): 90 % or more of the connections ordinary roles may open are in use, by anyone. The
 * server here allows 40 (37 usable beside the superuser reserve), so the threshold is 34
 * client connections.
 */
@Tag("reliability")
class ConnectionBudgetTests {

	private static final String DETAILS_TOKEN = "budget-t0ken";

	private static ServiceOnOwnDatabase running;

	@BeforeAll
	static void startServiceOnASmallServer() {
		running = ServiceOnOwnDatabase.start(TestPostgres.dedicated(Map.of("max_connections", "40")),
				"HEALTH_DETAILS_TOKEN=" + DETAILS_TOKEN);
	}

	@AfterAll
	static void stopServiceAndDatabase() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void theStatusIsDegradedWhileNinetyPercentOfTheServersConnectionsAreInUse() throws SQLException {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo("healthy"));
		assertThat(usableConnections()).isEqualTo(37);

		List<Connection> others = new ArrayList<>();
		try {
			// Another client fills the server up to one connection past the 90 % mark,
			// leaving room for probes.
			while (clientConnections() < 35) {
				others.add(running.postgres().adminConnection("postgres"));
			}

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo("degraded"));
			HttpResponse<String> degraded = detailed();
			assertThat(degraded.statusCode()).as("degraded is still 200").isEqualTo(200);
			assertThat(HttpProbe.json(degraded).get("operation_tests").get("connection_test").asBoolean()).isTrue();
			assertThat(running.service().http().status("/health")).as("the database answers").isEqualTo(200);
		}
		finally {
			for (Connection connection : others) {
				connection.close();
			}
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status()).isEqualTo("healthy"));
	}

	private static String status() {
		return HttpProbe.json(detailed()).get("overall_status").asString();
	}

	private static HttpResponse<String> detailed() {
		return running.service().http().get("/health/detailed", "Authorization", "Bearer " + DETAILS_TOKEN);
	}

	private static int clientConnections() throws SQLException {
		return query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
	}

	private static int usableConnections() throws SQLException {
		return query(
				"SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
						+ " - current_setting('reserved_connections')::int");
	}

	private static int query(String sql) throws SQLException {
		try (Connection admin = running.postgres().adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getInt(1);
		}
	}

}
