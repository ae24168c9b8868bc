package io.storefront.db.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * {@code pool_status} while the pool overflows and after: pool size 10 (the default),
 * overflow connections retired once idle for {@code storefront.db.overflow-idle-timeout}
 * (10 s, HikariCP's minimum).
 */
@TestPropertySource(properties = "storefront.db.overflow-idle-timeout=10s")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OverflowConnectionsTests extends RunningSampleService {

	private static final String OPENED = "overflow connections opened";

	private static final String RETIRED = "overflow connections retired";

	private static final String HOUSEKEEPING_PERIOD = "com.zaxxer.hikari.housekeeping.periodMs";

	static {
		// HikariCP reads this when a pool is created (30 s by default); this class's
		// context creates its own.
		System.setProperty(HOUSEKEEPING_PERIOD, "500");
	}

	@Autowired
	private DataSource dataSource;

	@AfterAll
	static void restoreHousekeeping() {
		System.clearProperty(HOUSEKEEPING_PERIOD);
	}

	@Test
	void overflowConnectionsAreCountedWhileHeldAndRetiredOnceIdle(CapturedOutput output) throws SQLException {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertPool(0, 10, 0));

		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 15; i++) {
				held.add(this.dataSource.getConnection());
			}
			// Held long enough for HikariCP's housekeeping to run a few times: no idle
			// reserve is opened
			// on top of the connections in use.
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertPool(15, 15, 5));
			await().atMost(Duration.ofSeconds(30))
				.alias("the monitor logs the overflow once")
				.untilAsserted(() -> assertThat(lines(output, OPENED)).singleElement(STRING)
					.contains("\"level\":\"INFO\"")
					.contains("beyond pool size 10"));
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}

		assertPool(0, 15, 5);
		await().during(Duration.ofSeconds(6))
			.atMost(Duration.ofSeconds(8))
			.alias("overflow connections stay until they have been idle for the overflow idle timeout")
			.untilAsserted(() -> assertPool(0, 15, 5));
		await().atMost(Duration.ofSeconds(15))
			.alias("then they are retired, down to the pool size")
			.untilAsserted(() -> assertPool(0, 10, 0));
		await().atMost(Duration.ofSeconds(30))
			.alias("the monitor logs the retirement once")
			.untilAsserted(() -> assertThat(lines(output, RETIRED)).singleElement(STRING)
				.contains("overflow connections retired; 10 open"));
		assertThat(lines(output, OPENED)).as("opened once for the whole overflow").hasSize(1);
	}

	private static List<String> lines(CapturedOutput output, String containing) {
		return output.getOut().lines().filter((line) -> line.contains(containing)).toList();
	}

	@Test
	void connectionsIdleForLongAreNeverRetiredBelowThePoolSize() throws Exception {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertPool(0, 10, 0));
		// Let every connection become idle for longer than the overflow idle timeout.
		Thread.sleep(Duration.ofSeconds(11));

		for (int round = 0; round < 5; round++) {
			try (Connection first = this.dataSource.getConnection();
					Connection second = this.dataSource.getConnection()) {
				assertPool(2, 10, 0);
			}
			Thread.sleep(Duration.ofMillis(300));
		}

		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertPool(0, 10, 0));
	}

	private void assertPool(int checkedOut, int total, int overflow) {
		JsonNode pool = detailedHealth().get("pool_status");
		assertThat(pool.get("pool_size").asInt()).isEqualTo(10);
		assertThat(pool.get("checked_out_connections").asInt()).as("checked out").isEqualTo(checkedOut);
		assertThat(pool.get("total_connections").asInt()).as("total").isEqualTo(total);
		assertThat(pool.get("overflow_connections").asInt()).as("overflow").isEqualTo(overflow);
		assertThat(pool.get("checked_in_connections").asInt()).as("checked in").isEqualTo(total - checkedOut);
	}

}
