package io.storefront.db.retry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.TcpProxy;
import io.storefront.db.testing.TestPostgres;
import io.storefront.db.transaction.CommitOutcomeUnknownException;
import io.storefront.db.transaction.StorefrontTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit lost with its connection, and a server that then does not answer the question
 * what became of it: the change stays unknown, is not run again, and the caller hears so
 * within seconds, even on connections whose reads have no time limit of their own
 * ({@code socketTimeout=0}, which {@code DATABASE_URL} may set).
 */
@Tag("reliability")
class UnansweredLostCommitTests {

	private static TestPostgres postgres;

	private static TcpProxy proxy;

	@BeforeAll
	static void serverWhoseCommitsCanBeMadeToWaitBehindAProxy() throws SQLException {
		// Commits wait for the (missing) standby only where a transaction asks for it.
		postgres = TestPostgres.dedicated(Map.of("synchronous_standby_names", "nobody", "synchronous_commit", "local"));
		proxy = new TcpProxy("127.0.0.1", postgres.port());
		try (Connection connection = connect()) {
			JdbcClient.create(new SingleConnectionDataSource(connection, true))
				.sql("CREATE TABLE unanswered_commit (id integer PRIMARY KEY, n integer NOT NULL)")
				.update();
			JdbcClient.create(new SingleConnectionDataSource(connection, true))
				.sql("INSERT INTO unanswered_commit VALUES (1, 0)")
				.update();
		}
	}

	@AfterAll
	static void stop() {
		if (proxy != null) {
			proxy.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aLostCommitTheServerDoesNotAnswerForStaysUnknownAndIsNotRunAgain() throws Exception {
		QuestionHeldBack dataSource = new QuestionHeldBack(connect(), connect());
		RetryingTransactionTemplate transactions = new RetryingTransactionTemplate(
				new StorefrontTransactionManager(dataSource), KnownServices.AUTH, new SimpleMeterRegistry());
		AtomicInteger runs = new AtomicInteger();
		ExecutorService thread = Executors.newVirtualThreadPerTaskExecutor();
		try {
			CompletableFuture<Integer> change = CompletableFuture
				.supplyAsync(() -> transactions.executeIdempotent((status) -> {
					runs.incrementAndGet();
					JdbcClient jdbc = JdbcClient.create(dataSource);
					jdbc.sql("SET LOCAL synchronous_commit = on").update();
					return jdbc.sql("UPDATE unanswered_commit SET n = n + 1 WHERE id = 1 RETURNING n")
						.query(Integer.class)
						.single();
				}), thread);
			postgres.terminateSessionWaitingForStandby(KnownServices.AUTH);
			assertThat(dataSource.asked.await(10, TimeUnit.SECONDS)).as("the lost commit asked about").isTrue();

			proxy.partition();
			long released = System.nanoTime();
			dataSource.answer.countDown();

			assertThat(change).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.satisfies((failure) -> assertThat(CauseChain.contains(failure, CommitOutcomeUnknownException.class))
					.as(failure.toString())
					.isTrue());
			assertThat(Duration.ofNanos(System.nanoTime() - released)).as("until the caller heard")
				.isLessThan(Duration.ofSeconds(4));
		}
		finally {
			proxy.heal();
			thread.shutdownNow();
		}
		assertThat(runs).as("runs of the change").hasValue(1);
	}

	/** A connection through the proxy whose reads wait as long as it takes. */
	private static Connection connect() throws SQLException {
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
				+ KnownServices.AUTH.databaseName() + "?socketTimeout=0", account.role(), account.password());
	}

	/**
	 * Hands out the transaction's connection, then, for every later call, the question's,
	 * but not before the test lets it: the server is cut off in between.
	 */
	private static final class QuestionHeldBack extends SingleConnectionDataSource {

		private final Connection question;

		private final CountDownLatch asked = new CountDownLatch(1);

		private final CountDownLatch answer = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		QuestionHeldBack(Connection transaction, Connection question) {
			super(transaction, true);
			this.question = question;
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.calls.incrementAndGet() == 1) {
				return super.getConnection();
			}
			this.asked.countDown();
			try {
				this.answer.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted", ex);
			}
			return this.question;
		}

	}

}
