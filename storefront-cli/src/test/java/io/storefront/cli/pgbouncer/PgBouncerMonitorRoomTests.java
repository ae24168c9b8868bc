package io.storefront.cli.pgbouncer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PgBouncer with the server pool {@link PgBouncerSizing} gives one replica: when
 * every connection of the service's pool sits in a transaction waiting on a lock (each
 * holding a server connection, in transaction mode), both of its monitor's connections
 * still get one and answer {@code SELECT 1} within the health limit, so a busy database
 * is not reported as an outage.
 */
class PgBouncerMonitorRoomTests {

	private static final PoolSettings SMALL_POOL = new PoolSettings(2, 3, Duration.ofSeconds(30), Duration.ZERO);

	private static final Duration HEALTH_LIMIT = Duration.ofSeconds(2);

	private static final long LOCK = 7_031_963;

	@Test
	void aPoolWhoseEveryConnectionWaitsOnALockLeavesItsMonitorRoom() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		PgBouncerSizing sizing = PgBouncerSizing.of(List.of(SMALL_POOL), 1, 100);
		List<Connection> opened = new ArrayList<>();
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		try (TestPgBouncer pgbouncer = TestPgBouncer.inFrontOf(postgres, sizing.poolSize(), KnownServices.PRODUCT);
				Connection holder = postgres.adminConnection(KnownServices.PRODUCT.databaseName());
				Statement lock = holder.createStatement()) {
			lock.execute("SELECT pg_advisory_lock(" + LOCK + ")");
			for (int i = 0; i < SMALL_POOL.maximumSize(); i++) {
				Connection pooled = pgbouncer.connect(KnownServices.PRODUCT);
				opened.add(pooled);
				pooled.setAutoCommit(false);
				threads.submit(() -> pooled.createStatement().execute("SELECT pg_advisory_xact_lock(" + LOCK + ")"));
			}
			awaitWaiting(postgres, SMALL_POOL.maximumSize());

			List<CompletableFuture<Integer>> probes = new ArrayList<>();
			for (int i = 0; i < PgBouncerSizing.MONITOR_CONNECTIONS; i++) {
				Connection monitor = pgbouncer.connect(KnownServices.PRODUCT);
				opened.add(monitor);
				probes.add(CompletableFuture.supplyAsync(() -> selectOne(monitor), threads));
			}

			for (CompletableFuture<Integer> probe : probes) {
				assertThat(probe).as("a monitor's SELECT 1 while the pool waits on the lock")
					.succeedsWithin(HEALTH_LIMIT)
					.isEqualTo(1);
			}
			lock.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
		}
		finally {
			for (Connection connection : opened) {
				connection.close();
			}
			threads.shutdownNow();
		}
	}

	private static void awaitWaiting(TestPostgres postgres, int transactions) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory' AND datname = '"
				+ KnownServices.PRODUCT.databaseName() + "'";
		while (postgres.queryAsAdmin("postgres", waiting) < transactions) {
			assertThat(System.nanoTime()).as("transactions waiting on the lock").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static int selectOne(Connection connection) {
		try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SELECT 1")) {
			row.next();
			return row.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
