package io.storefront.db.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.ServiceOnOwnDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauges the alerting rules of {@code deploy/prometheus} read, on a running service's
 * {@code /metrics}: whether the database answers, and the server's connection budget. The
 * server here allows 40 connections, 3 of them reserved for superusers.
 */
class DatabaseMetricsTests {

	private static ServiceOnOwnDatabase running;

	@BeforeAll
	static void startServiceOnASmallServer() {
		running = ServiceOnOwnDatabase.start(TestPostgres.dedicated(Map.of("max_connections", "40")));
	}

	@AfterAll
	static void stopServiceAndDatabase() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void theServersConnectionBudgetIsExported() {
		String metrics = scrape();

		assertThat(value(metrics, "storefront_db_up")).isEqualTo(1.0);
		assertThat(value(metrics, "storefront_db_server_max_connections")).isEqualTo(40.0);
		assertThat(value(metrics, "storefront_db_server_reserved_connections")).isEqualTo(3.0);
		// At least the pool's connection and the monitor's two; at most what the server
		// allows. The pool opens its connections in the background (nothing borrows one
		// during start-up: Flyway has its own), and the figures are read once a second.
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(value(scrape(), "storefront_db_server_connections")).isBetween(3.0, 40.0));
	}

	@Test
	void theDatabaseIsDownOnMetricsWhileItIsAwayAndUpWhenItIsBack() {
		running.postgres().stop();
		try {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(value(scrape(), "storefront_db_up")).isEqualTo(0.0));
			String metrics = scrape();
			assertThat(value(metrics, "storefront_db_server_max_connections")).as("unknown, not zero").isNaN();
			assertThat(value(metrics, "storefront_db_server_connections")).isNaN();
		}
		finally {
			running.postgres().start();
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(value(scrape(), "storefront_db_up")).isEqualTo(1.0));
		assertThat(value(scrape(), "storefront_db_server_max_connections")).isEqualTo(40.0);
	}

	private static String scrape() {
		return running.service().http().get("/metrics").body();
	}

	private static double value(String metrics, String name) {
		Matcher line = Pattern.compile("(?m)^" + name + "\\{[^}]*application=\"auth-service\"[^}]*\\} (\\S+)$")
			.matcher(metrics);
		assertThat(line.find()).as(name + " on /metrics").isTrue();
		return Double.parseDouble(line.group(1));
	}

}
