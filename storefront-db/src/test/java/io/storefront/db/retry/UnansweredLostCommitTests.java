package io.storefront.db.retry;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

	/** How long {@link LostCommits} keeps asking, in milliseconds. */
	private static final long ASKING = 2000;

	/** The least time {@link LostCommits} gives a question, in milliseconds. */
	private static final long SHORTEST_QUESTION = 250;

	private static final Duration HELD_BACK = Duration.ofSeconds(1);

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
		AtomicLong heard = new AtomicLong();
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
				}), thread)
				.whenComplete((result, failure) -> heard.set(System.nanoTime()));
			postgres.terminateSessionWaitingForStandby(KnownServices.AUTH);
			assertThat(dataSource.asked.await(10, TimeUnit.SECONDS)).as("the lost commit asked about").isTrue();

			proxy.partition();
			// Held back long enough to tell a question given what is left of the time for
			// asking from one given all of it afresh.
			Thread.sleep(HELD_BACK);
			long released = System.nanoTime();
			dataSource.answer.countDown();

			// Only a guard against a question that hangs: failsWithin takes a timeout for
			// a failure too.
			Throwable failure = assertThat(change).failsWithin(Duration.ofSeconds(15)).withThrowableThat().actual();
			assertThat(failure).as("heard within 15 s").isNotInstanceOf(TimeoutException.class);
			assertThat(CauseChain.contains(failure, CommitOutcomeUnknownException.class)).as(failure.toString())
				.isTrue();
			long spentAsking = Duration.ofNanos(released - dataSource.firstAsked).toMillis();
			assertThat(dataSource.timeLimits).as("time limits the code gave its questions").isNotEmpty();
			TimeLimit first = dataSource.timeLimits.get(0);
			assertThat(first.millis()).as("the question's time limit: what was left of 2 s after %d ms", spentAsking)
				.isBetween(SHORTEST_QUESTION, Math.max(SHORTEST_QUESTION, ASKING - spentAsking));
			assertThat(Duration.ofNanos(heard.get() - first.setAt()))
				.as("the caller heard once the question's time limit ran out")
				.isGreaterThanOrEqualTo(Duration.ofMillis(first.millis()));
			// The deadline may still lie a fraction of a millisecond ahead when the
			// question times out: then one more question, on the closed connection,
			// fails at once.
			assertThat(dataSource.calls.get() - 1)
				.as("questions: the one held back, and at most one more begun before the deadline")
				.isBetween(1, 2);
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
	 * but not before the test lets it: the server is cut off in between. Notes when the
	 * code first asked, and the time limit it gives each question.
	 */
	private static final class QuestionHeldBack extends SingleConnectionDataSource {

		private final Connection question;

		private final CountDownLatch asked = new CountDownLatch(1);

		private final CountDownLatch answer = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		private final List<TimeLimit> timeLimits = new CopyOnWriteArrayList<>();

		private volatile long firstAsked;

		QuestionHeldBack(Connection transaction, Connection question) {
			super(transaction, true);
			this.question = timeLimitsNoted(question);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.calls.incrementAndGet() == 1) {
				return super.getConnection();
			}
			if (this.asked.getCount() > 0) {
				this.firstAsked = System.nanoTime();
				this.asked.countDown();
			}
			try {
				this.answer.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted", ex);
			}
			return this.question;
		}

		private Connection timeLimitsNoted(Connection connection) {
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (self, method, arguments) -> {
						if (method.getName().equals("setNetworkTimeout")) {
							this.timeLimits.add(new TimeLimit((int) arguments[1], System.nanoTime()));
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	/**
	 * A question's time limit ({@link Connection#setNetworkTimeout}), and when it was
	 * set.
	 */
	private record TimeLimit(long millis, long setAt) {

	}

}
