package io.storefront.db.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * However many probes arrive, probing holds at most one database connection (contract
 * section 3).
 */
class HealthProbeConcurrencyTests extends RunningSampleService {

	private static final int PROBES = 200;

	private static final int WAVES = 10;

	/**
	 * A login event trigger (PostgreSQL 17) that writes down every connection the monitor
	 * opens: unlike samples of {@code pg_stat_activity}, it misses no short-lived one.
	 */
	private static final String RECORD_MONITOR_LOGINS = """
			CREATE SCHEMA storefront_test;
			CREATE TABLE storefront_test.monitor_logins (at timestamptz NOT NULL DEFAULT now());
			CREATE FUNCTION storefront_test.record_monitor_login() RETURNS event_trigger
				LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
			BEGIN
				IF current_setting('application_name') = 'auth-service-monitor' THEN
					INSERT INTO storefront_test.monitor_logins DEFAULT VALUES;
				END IF;
			END $$;
			CREATE EVENT TRIGGER record_monitor_logins ON login
				EXECUTE FUNCTION storefront_test.record_monitor_login();
			""";

	@Test
	void manyConcurrentProbesShareOneMonitorConnection() throws Exception {
		TestPostgres.shared().runAsAdmin("auth_db", RECORD_MONITOR_LOGINS);
		try {
			probeManyAtOnce();
			long opened = monitorLogins();
			assertThat(opened)
				.as("connections the monitor opened during " + PROBES
						+ " probes (its kept one may have been replaced once)")
				.isLessThanOrEqualTo(1);

			// The recorder itself: a monitor connection killed is one login more.
			TestPostgres.shared().terminateSessionsNamed("auth-service-monitor");
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(http().status("/health")).isEqualTo(200));
			assertThat(monitorLogins()).as("monitor logins recorded after its connection was killed")
				.isEqualTo(opened + 1);
		}
		finally {
			TestPostgres.shared()
				.runAsAdmin("auth_db", "DROP EVENT TRIGGER record_monitor_logins; DROP SCHEMA storefront_test CASCADE");
		}
	}

	/**
	 * {@value #PROBES} probes in {@value #WAVES} waves of simultaneous ones, while
	 * {@code pg_stat_activity} is sampled: every probe answers 200, and the server never
	 * shows more than one monitor connection.
	 */
	private void probeManyAtOnce() throws Exception {
		AtomicBoolean probing = new AtomicBoolean(true);
		AtomicInteger mostMonitorConnections = new AtomicInteger();
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> sampler = threads.submit(() -> {
				while (probing.get()) {
					mostMonitorConnections.accumulateAndGet(monitorConnections(), Math::max);
				}
				return null;
			});
			// In waves, so that the probes cannot all share one database round trip.
			for (int wave = 0; wave < WAVES; wave++) {
				List<Future<Integer>> probes = new ArrayList<>();
				for (int i = 0; i < PROBES / WAVES; i++) {
					String path = (i % 2 == 0) ? "/health" : "/health/ready";
					probes.add(threads.submit(() -> http().status(path)));
				}
				for (Future<Integer> probe : probes) {
					statuses.add(probe.get());
				}
			}
			probing.set(false);
			sampler.get();
		}

		assertThat(statuses).hasSize(PROBES).containsOnly(200);
		assertThat(mostMonitorConnections.get()).as("monitor connections seen by the server").isEqualTo(1);
	}

	private static long monitorLogins() throws SQLException {
		return TestPostgres.shared().queryAsAdmin("auth_db", "SELECT count(*) FROM storefront_test.monitor_logins");
	}

	private static int monitorConnections() throws SQLException {
		try (Connection admin = TestPostgres.shared().adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet row = statement.executeQuery(
						"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'auth-service-monitor'")) {
			row.next();
			return row.getInt(1);
		}
	}

}
