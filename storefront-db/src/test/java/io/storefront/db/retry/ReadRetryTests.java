package io.storefront.db.retry;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A read whose connection is killed mid-query is run once more and answers; nothing else
 * is retried: work inside a transaction, failures that are not a lost connection, and
 * failing to get a connection at all.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class ReadRetryTests extends RunningSampleService {

	/** Long enough that only a kill ends it within the test's limits. */
	private static final String SLOW_READ = "SELECT 1 FROM pg_sleep(60) /* read-retry-test */";

	@Autowired
	private ReadRetry retry;

	@Autowired
	private DataSource dataSource;

	@Test
	void aReadWhoseConnectionIsKilledMidQueryIsRunAgainAndAnswers(CapturedOutput output) throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		long started = System.nanoTime();

		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> this.retry.read(() -> {
			String sql = (attempts.incrementAndGet() == 1) ? SLOW_READ : "SELECT 42";
			return jdbc().sql(sql).query(Integer.class).single();
		}), Executors.newVirtualThreadPerTaskExecutor());
		killTheSlowReadOnceItRuns();

		assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(42);
		assertThat(attempts).hasValue(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(output.getOut()).contains("auth-service - read retried once: its database connection was lost "
				+ "(terminating connection due to administrator command)");
		assertThat(http().get("/metrics").body()).containsPattern("storefront_db_read_retries_total\\{[^}]*\\} [1-9]");
	}

	/**
	 * The pool may still hold a connection the same kill ended on which no statement has
	 * failed yet: HikariCP does not check one used within the last half second, and the
	 * eviction the first failure starts misses one the pool was opening meanwhile. Here
	 * the connection the test just gave back is killed, and the first attempt fails
	 * without touching the pool, so nothing evicts it: the second attempt must not be
	 * handed it.
	 */
	@Test
	void theSecondAttemptIsHandedALiveConnectionWhereTheKillLeftADeadOne() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		DataAccessException lost = new DataAccessResourceFailureException("lost",
				new SQLException("terminating connection due to administrator command", "57P01"));
		try (var admin = TestPostgres.shared().adminConnection("postgres")) {
			int pid = jdbc().sql("SELECT pg_backend_pid()").query(Integer.class).single();
			kill(admin, pid);

			Integer answer = this.retry.read(() -> {
				if (attempts.incrementAndGet() == 1) {
					throw lost;
				}
				return jdbc().sql("SELECT 42").query(Integer.class).single();
			});

			assertThat(answer).isEqualTo(42);
			assertThat(attempts).hasValue(2);
		}
	}

	@Test
	void aReadInsideTheCallersTransactionIsNotRetried() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));

		CompletableFuture<Integer> read = CompletableFuture
			.supplyAsync(() -> transaction.execute((status) -> this.retry.read(() -> {
				attempts.incrementAndGet();
				return jdbc().sql(SLOW_READ).query(Integer.class).single();
			})), Executors.newVirtualThreadPerTaskExecutor());
		killTheSlowReadOnceItRuns();

		assertThat(read).failsWithin(Duration.ofSeconds(20))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(SQLException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aFailureThatIsNotALostConnectionIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(() -> this.retry.read(() -> {
			attempts.incrementAndGet();
			return jdbc().sql("SELECT no_such_column FROM pg_class").query(Integer.class).list();
		}));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void failingToGetAConnectionAtAllIsNotRetried() {
		AtomicInteger attempts = new AtomicInteger();
		CannotGetJdbcConnectionException poolTimeout = new CannotGetJdbcConnectionException("Failed to obtain",
				new SQLTransientConnectionException("request timed out after 30000ms", "08001"));

		assertThatExceptionOfType(CannotGetJdbcConnectionException.class).isThrownBy(() -> this.retry.read(() -> {
			attempts.incrementAndGet();
			throw poolTimeout;
		}));
		assertThat(attempts).hasValue(1);
		assertThat(ReadRetry.isConnectionLost(new DataAccessResourceFailureException("known outage",
				new DatabaseUnavailableException("connection refused"))))
			.isFalse();
		assertThat(ReadRetry
			.isConnectionLost(new DataAccessResourceFailureException("lost", new SQLException("I/O error", "08006"))))
			.isTrue();
	}

	/**
	 * A read the server did not answer within the socket timeout, as PgJDBC reports it: a
	 * {@code PSQLException} of SQLState 08006 (a lost connection, by its state alone)
	 * caused by the socket's {@code SocketTimeoutException}, translated by Spring as a
	 * repository's is. The server is stuck or the work blocked, so a second attempt would
	 * only wait as long again.
	 */
	@Test
	void aReadTheServerDidNotAnswerWithinTheSocketTimeoutIsNotRetried() {
		DataAccessException timedOut = driverFailure(new SocketTimeoutException("Read timed out"));
		assertThat(timedOut).isInstanceOf(DataAccessResourceFailureException.class)
			.cause()
			.isInstanceOf(PSQLException.class)
			.satisfies((cause) -> assertThat(((SQLException) cause).getSQLState()).isEqualTo("08006"));
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> this.retry.read(() -> {
			attempts.incrementAndGet();
			throw driverFailure(new SocketTimeoutException("Read timed out"));
		})).withRootCauseInstanceOf(SocketTimeoutException.class);
		assertThat(attempts).as("not run again").hasValue(1);
		assertThat(ReadRetry.isConnectionLost(timedOut)).isFalse();
		assertThat(ReadRetry.isConnectionLost(driverFailure(new EOFException())))
			.as("the same failure without the timeout: a connection that died under the read")
			.isTrue();
	}

	/**
	 * What a repository's read gets when PgJDBC's socket fails with {@code cause}: the
	 * driver's {@code PSQLException} (SQLState 08006), translated by Spring as
	 * {@code JdbcClient} translates it.
	 */
	private DataAccessException driverFailure(Exception cause) {
		PSQLException failure = new PSQLException("An I/O error occurred while sending to the backend.",
				PSQLState.CONNECTION_FAILURE, cause);
		return new SQLErrorCodeSQLExceptionTranslator(this.dataSource).translate("read", "SELECT 1", failure);
	}

	private void killTheSlowReadOnceItRuns() {
		TestPostgres postgres = TestPostgres.shared();
		await().atMost(Duration.ofSeconds(10)).until(() -> slowReads() == 1);
		try (var admin = postgres.adminConnection("postgres"); var statement = admin.createStatement()) {
			statement.execute("""
					SELECT pg_terminate_backend(pid) FROM pg_stat_activity
					WHERE query LIKE '%read-retry-test%' AND pid <> pg_backend_pid()
					""");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Ends the session {@code pid} and waits until the server has let it go. */
	private static void kill(Connection admin, int pid) throws SQLException {
		try (var terminate = admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
			terminate.setInt(1, pid);
			terminate.execute();
		}
	}

	private int slowReads() throws SQLException {
		try (var admin = TestPostgres.shared().adminConnection("postgres");
				var statement = admin.createStatement();
				var row = statement.executeQuery("""
						SELECT count(*) FROM pg_stat_activity
						WHERE query LIKE '%read-retry-test%' AND state = 'active' AND pid <> pg_backend_pid()
						""")) {
			row.next();
			return row.getInt(1);
		}
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

}
