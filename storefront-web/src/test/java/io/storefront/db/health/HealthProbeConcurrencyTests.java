package io.storefront.db.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * Contract section 3: however many probes arrive, probing holds at most one database
 * connection.
 */
class HealthProbeConcurrencyTests extends RunningSampleService {

	@Test
	void manyConcurrentProbesShareOneMonitorConnection() throws Exception {
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
			List<Future<Integer>> probes = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String path = (i % 2 == 0) ? "/health" : "/health/ready";
				probes.add(threads.submit(() -> http().status(path)));
			}
			for (Future<Integer> probe : probes) {
				statuses.add(probe.get());
			}
			probing.set(false);
			sampler.get();
		}

		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(mostMonitorConnections.get()).as("monitor connections seen by the server").isEqualTo(1);
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
