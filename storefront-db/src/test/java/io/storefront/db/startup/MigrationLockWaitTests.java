package io.storefront.db.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.KnownServices;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * An instance started while another migrates the same database waits for Flyway's lock as
 * long as it waits for its database ({@code DATABASE_STARTUP_TIMEOUT}), then gives up in
 * one line. The migration blocks on an advisory lock the test holds, so the test decides
 * when it ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationLockWaitTests {

	private static final String MIGRATIONS = "spring.flyway.locations=classpath:io/storefront/db/startup/migration-waits-for-the-test";

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	private final List<CompletableFuture<SampleService>> started = new ArrayList<>();

	@Test
	void anInstanceBesideOneThatIsMigratingWaitsForItUpToTheStartupTimeout(CapturedOutput output) throws Exception {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			String databaseUrl = "DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH);
			try (Connection test = postgres.adminConnection(KnownServices.AUTH.databaseName())) {
				call(test, "pg_advisory_lock");
				CompletableFuture<SampleService> migrating;
				CompletableFuture<SampleService> patient;
				try {
					migrating = startAndAwait(test, "pg_advisory_xact_lock(4242)", databaseUrl, MIGRATIONS);

					long impatientStarted = System.nanoTime();
					RuntimeException impatient = catchRuntimeException(
							() -> SampleService.start(databaseUrl, MIGRATIONS, "DATABASE_STARTUP_TIMEOUT=1").close());
					assertThat(CauseChain.find(impatient, MigrationLockTimeoutException.class)).as("%s", impatient)
						.get()
						.extracting(Throwable::getMessage)
						.isEqualTo("database auth_svc@localhost:" + postgres.port() + "/auth_db is being migrated by "
								+ "another instance, which still held the migration lock after "
								+ "DATABASE_STARTUP_TIMEOUT=1 s");
					// Flyway on its own tries the lock 50 times, a second apart; the
					// start itself takes a few seconds.
					assertThat(Duration.ofNanos(System.nanoTime() - impatientStarted)).as("gave up after")
						.isLessThan(Duration.ofSeconds(40));
					assertThat(output).contains("auth-service cannot start: database auth_svc@localhost")
						.doesNotContain("Unable to release PostgreSQL advisory lock");

					patient = startAndAwait(test, "pg_try_advisory_lock(", databaseUrl, MIGRATIONS,
							"DATABASE_STARTUP_TIMEOUT=60");
				}
				finally {
					call(test, "pg_advisory_unlock");
				}
				assertThat(
						migrating.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).bean(MigrationStatus.class).isApplied())
					.isTrue();
				assertThat(patient.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).bean(MigrationStatus.class).isApplied())
					.as("the instance that waited")
					.isTrue();
				try (Statement statement = test.createStatement();
						ResultSet history = statement.executeQuery(
								"SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success")) {
					history.next();
					assertThat(history.getInt(1)).as("times the migration was applied").isOne();
				}
			}
			finally {
				this.started.forEach(MigrationLockWaitTests::closeOnceStarted);
			}
		}
	}

	/**
	 * Starts the sample service on a thread of its own, and returns once a session it
	 * opened has run a query containing {@code query}.
	 */
	private CompletableFuture<SampleService> startAndAwait(Connection test, String query, String... settings)
			throws SQLException, InterruptedException {
		Timestamp since = serverTime(test);
		// A thread of its own: the common pool may have a single worker, which the
		// blocked migration holds.
		CompletableFuture<SampleService> service = CompletableFuture.supplyAsync(() -> SampleService.start(settings),
				(task) -> Thread.ofPlatform().name("sample-service").start(task));
		this.started.add(service);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		try (PreparedStatement sessions = test.prepareStatement("""
				SELECT count(*) FROM pg_stat_activity
				WHERE backend_start >= ? AND position(? IN query) > 0""")) {
			sessions.setTimestamp(1, since);
			sessions.setString(2, query);
			while (System.nanoTime() < deadline && !service.isDone()) {
				try (ResultSet found = sessions.executeQuery()) {
					found.next();
					if (found.getInt(1) > 0) {
						return service;
					}
				}
				Thread.sleep(50);
			}
		}
		throw new AssertionError("the service ran no " + query + " before it " + (service.isDone() ? "ended" : "")
				+ " within " + PATIENCE);
	}

	/**
	 * Waits for a start the test no longer follows, so that no instance outlives its
	 * database and keeps logging into later tests.
	 */
	private static void closeOnceStarted(CompletableFuture<SampleService> service) {
		try {
			service.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// It did not start, which the test has already judged.
		}
	}

	private static void call(Connection test, String lockFunction) throws SQLException {
		try (Statement statement = test.createStatement()) {
			statement.execute("SELECT " + lockFunction + "(4242)");
		}
	}

	private static Timestamp serverTime(Connection test) throws SQLException {
		try (Statement statement = test.createStatement();
				ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
			now.next();
			return now.getTimestamp(1);
		}
	}

}
