package io.storefront.db.retry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A read the server does not answer (blocked behind another session's lock) ends within
 * the socket timeout, once: the server cancels it a second before the driver would give
 * up on the connection, so no query is left running for a connection the pool has
 * replaced, and it is not run again.
 */
@Tag("reliability")
class StuckReadTests {

	private static final long LOCK = 4_242_424L;

	private static final String QUERY_CANCELED = "57014";

	@Test
	void aBlockedReadIsCancelledOnTheServerBeforeTheSocketTimeoutAndNotRetried() throws SQLException {
		TestPostgres postgres = TestPostgres.shared();
		blockedReadEndsInACancelOnTheServer(postgres, "DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH),
				"storefront.db.socket-timeout=4s");
	}

	/**
	 * The URL's {@code socketTimeout} is the one the pool's connections get, so the
	 * cancel comes before it, not before {@code storefront.db.socket-timeout}.
	 */
	@Test
	void aSocketTimeoutInTheUrlMovesTheCancelWithIt() throws SQLException {
		TestPostgres postgres = TestPostgres.shared();
		blockedReadEndsInACancelOnTheServer(postgres,
				"DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH) + "?socketTimeout=4");
	}

	private static void blockedReadEndsInACancelOnTheServer(TestPostgres postgres, String... settings)
			throws SQLException {
		try (SampleService service = SampleService.start(settings);
				Connection holder = postgres.adminConnection(KnownServices.AUTH.databaseName());
				Statement lock = holder.createStatement()) {
			lock.execute("SELECT pg_advisory_lock(" + LOCK + ")");
			JdbcClient jdbc = service.bean(JdbcClient.class);
			ReadRetry retry = service.bean(ReadRetry.class);
			AtomicInteger attempts = new AtomicInteger();
			long started = System.nanoTime();

			// 503 for a request, as storefront-web answers every
			// TransientDataAccessException
			assertThatExceptionOfType(TransientDataAccessException.class).isThrownBy(() -> retry.read(() -> {
				attempts.incrementAndGet();
				return jdbc.sql("SELECT pg_advisory_lock_shared(" + LOCK + ") /* stuck-read-test */")
					.query(Object.class)
					.single();
			}))
				.satisfies((failure) -> assertThat(failure.getMostSpecificCause()).hasMessageContaining("cancel")
					.isInstanceOfSatisfying(SQLException.class, (cancelled) -> assertThat(cancelled.getSQLState())
						.as("query_canceled, the server's answer: the driver was still reading, its socket timeout "
								+ "not yet passed, on its own clock however loaded the machine")
						.isEqualTo(QUERY_CANCELED)));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not cancelled before its time")
				.isGreaterThanOrEqualTo(Duration.ofMillis(2500));
			assertThat(attempts).hasValue(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheLock(postgres) == 0);
		}
	}

	private static int waitingOnTheLock(TestPostgres postgres) throws SQLException {
		return postgres.runAsAdmin("postgres", """
				SELECT pid FROM pg_stat_activity
				WHERE query LIKE '%stuck-read-test%' AND state = 'active' AND pid <> pg_backend_pid()""");
	}

}
