package io.storefront.db.transaction;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.ServiceOnOwnDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL is killed with SIGKILL (no clean shutdown, no checkpoint) while writes are
 * being acknowledged, and started again on the same data: crash recovery keeps every
 * acknowledged write (contract section 4), and the service carries on without a restart.
 */
@Tag("reliability")
class CrashRecoveryTests {

	private static ServiceOnOwnDatabase running;

	@BeforeAll
	static void startServiceOnItsOwnDatabase() {
		running = ServiceOnOwnDatabase.start(TestPostgres.dedicated());
	}

	@AfterAll
	static void stopServiceAndDatabase() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void everyAcknowledgedWriteSurvivesAServerKilledWithSigkill() throws Exception {
		jdbc().sql("CREATE TABLE crash_probe (id integer PRIMARY KEY)").update();
		Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		AtomicBoolean writing = new AtomicBoolean(true);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			for (int id = 1; writing.get(); id++) {
				try {
					jdbc().sql("INSERT INTO crash_probe (id) VALUES (:id)").param("id", id).update();
					acknowledged.add(id);
				}
				catch (RuntimeException ex) {
					failed.incrementAndGet();
					sleep(Duration.ofMillis(20));
				}
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 50);

			running.postgres().crash();
			int beforeRestart = failed.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> failed.get() > beforeRestart);
			int acknowledgedAtCrash = acknowledged.size();

			running.postgres().start();

			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtCrash + 50);
		}
		finally {
			writing.set(false);
			writer.get(60, TimeUnit.SECONDS);
		}

		List<Integer> stored = jdbc().sql("SELECT id FROM crash_probe").query(Integer.class).list();
		assertThat(failed.get()).as("writes failed while the server was dead").isPositive();
		assertThat(stored).as("every acknowledged write is there after crash recovery").containsAll(acknowledged);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static JdbcClient jdbc() {
		return JdbcClient.create(running.service().bean(DataSource.class));
	}

}
