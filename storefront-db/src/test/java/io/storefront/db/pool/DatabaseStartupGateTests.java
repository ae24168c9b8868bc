package io.storefront.db.pool;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.testing.DefaultTuning;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(OutputCaptureExtension.class)
@Tag("reliability")
class DatabaseStartupGateTests {

	private static final String RETRIED = "not reachable (attempt";

	private static final Pattern RETRY_LINE = Pattern
		.compile("not reachable \\(attempt (\\d+), retrying in (\\d+) ms\\)");

	@Test
	void aReachableDatabaseOpensTheGateAtOnce(CapturedOutput output) {
		gate(Map.of("DATABASE_URL", TestPostgres.shared().databaseUrl(KnownServices.AUTH))).awaitDatabase();

		assertThat(output.getOut()).contains("database reachable").contains("attempt 1").doesNotContain(RETRIED);
	}

	@Test
	void anUnreachableDatabaseIsRetriedUntilTheStartupTimeoutThenNamed(CapturedOutput output) throws IOException {
		int closedPort = FreePorts.any();
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", Integer.toString(closedPort),
						"DATABASE_STARTUP_TIMEOUT", "1.5"))
					.awaitDatabase());

		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		// At most one more connect attempt (each bounded by the 5 s connect timeout) past
		// the deadline.
		assertThat(elapsed).as("the whole DATABASE_STARTUP_TIMEOUT is used, and not much more")
			.isGreaterThanOrEqualTo(Duration.ofMillis(1500))
			.isLessThan(Duration.ofMillis(1500).plus(DefaultTuning.get().connectTimeout()).plusSeconds(5));
		assertThat(failure.getMessage()).contains("auth_svc@127.0.0.1:" + closedPort + "/auth_db")
			.contains("not reachable")
			.contains("DATABASE_STARTUP_TIMEOUT=1.5 s");
		long attempts = attempts(failure);
		// Unloaded: retried in 250, 500, then 750 (cut from 1000) ms, 4 attempts.
		// A loaded machine only makes each attempt, and each sleep, longer, so
		// fewer fit.
		assertThat(attempts).as("attempts: retried, and no more than the backoff fits into 1.5 s").isBetween(2L, 4L);
		List<Retry> retries = retries(output);
		assertThat(retries).extracting(Retry::attempt)
			.as("one line for each attempt that is retried, in order")
			.isEqualTo(LongStream.range(1, attempts).boxed().toList());
		List<Long> waits = retries.stream().map(Retry::waitMillis).toList();
		List<Long> backoff = LongStream.range(0, waits.size()).mapToObj((i) -> 250L << i).toList();
		assertThat(waits.subList(0, waits.size() - 1)).as("backoff doubling from 250 ms")
			.isEqualTo(backoff.subList(0, waits.size() - 1));
		assertThat(waits.getLast()).as("the last wait: its backoff, or what was left of 1.5 s")
			.isLessThanOrEqualTo(backoff.getLast());
		assertThat(waits.stream().mapToLong(Long::longValue).sum()).as("waits, none past the deadline")
			.isLessThanOrEqualTo(1500);
	}

	/**
	 * Half a second left of a ten-second window: the wait is over after the three
	 * attempts that fit it (the 250 ms backoff, then the 250 ms left), where a fresh
	 * window would take ten seconds and seven attempts. A loaded machine only makes each
	 * attempt, and each sleep, longer, so fewer attempts fit, never more.
	 */
	@Test
	void aSecondWaitInTheSameWindowGetsOnlyWhatIsLeftOfIt() throws IOException {
		Duration window = Duration.ofSeconds(10);
		long windowOpened = System.nanoTime() - window.minusMillis(500).toNanos();
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", Integer.toString(FreePorts.any()),
						"DATABASE_STARTUP_TIMEOUT", Long.toString(window.toSeconds())))
					.awaitDatabase(windowOpened));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the half second left of the window")
			.isGreaterThanOrEqualTo(Duration.ofMillis(500))
			.isLessThan(window);
		assertThat(failure.getMessage()).contains("DATABASE_STARTUP_TIMEOUT=10 s");
		assertThat(attempts(failure)).as("the attempts that fit the half second left").isBetween(1L, 3L);
	}

	@Test
	void aZeroStartupTimeoutTriesOnce() throws IOException {
		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", Integer.toString(FreePorts.any()),
						"DATABASE_STARTUP_TIMEOUT", "0"))
					.awaitDatabase());

		assertThat(failure.getMessage()).contains("(1 attempt,");
	}

	@Test
	void aDatabaseThatComesUpWhileWaitingOpensTheGate(CapturedOutput output) throws Exception {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			String url = postgres.databaseUrl(KnownServices.AUTH);
			postgres.stop();
			CompletableFuture<Void> bringBack = CompletableFuture.runAsync(postgres::start,
					CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

			gate(Map.of("DATABASE_URL", url, "DATABASE_STARTUP_TIMEOUT", "60")).awaitDatabase();

			bringBack.get(60, TimeUnit.SECONDS);
			assertThat(postgres.isRunning()).isTrue();
			List<String> lines = output.getOut().lines().toList();
			assertThat(lines).filteredOn((line) -> line.contains(RETRIED))
				.as("retried while the server was down")
				.isNotEmpty()
				.first(STRING)
				.contains("(attempt 1, retrying in 250 ms)");
			long retries = lines.stream().filter((line) -> line.contains(RETRIED)).count();
			assertThat(lines).filteredOn((line) -> line.contains("database reachable"))
				.as("reachable on the attempt after the last retried one")
				.singleElement(STRING)
				.contains("attempt " + (retries + 1) + ")");
		}
	}

	@Test
	void aWrongPasswordFailsAtOnceNamingUserAndDatabaseButNotThePassword(CapturedOutput output) {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.AUTH);
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class, () -> gate(
				Map.of("DATABASE_URL", "postgresql://auth_svc:Wr0ng-pa55@localhost:" + postgres.port() + "/auth_db"))
			.awaitDatabase());

		assertThat(output.getOut()).as("not retried").doesNotContain(RETRIED);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not waiting for DATABASE_STARTUP_TIMEOUT")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(failure.getMessage()).contains("password authentication failed")
			.contains("auth_svc")
			.contains("auth_db")
			.doesNotContain("Wr0ng-pa55");
	}

	/** PgBouncer refuses a login with an error of its own (08P01), not the server's. */
	@Test
	void aWrongPasswordThroughPgBouncerFailsAtOnceToo(CapturedOutput output) {
		TestPostgres postgres = TestPostgres.shared();
		long started = System.nanoTime();
		try (TestPgBouncer pgbouncer = TestPgBouncer.inFrontOf(postgres, 1, KnownServices.AUTH)) {
			DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
					() -> gate(Map.of("DATABASE_URL",
							"postgresql://auth_svc:Wr0ng-pa55@127.0.0.1:" + pgbouncer.port() + "/auth_db",
							"DATABASE_POOLER", "pgbouncer"))
						.awaitDatabase());

			assertThat(output.getOut()).as("not retried").doesNotContain(RETRIED);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not waiting for DATABASE_STARTUP_TIMEOUT")
				.isLessThan(Duration.ofSeconds(10));
			assertThat(failure.getMessage()).startsWith("PgBouncer at 127.0.0.1:" + pgbouncer.port())
				.contains("refused user auth_svc on database auth_db")
				.contains("authentication failed")
				.doesNotContain("Wr0ng-pa55");
		}
	}

	@Test
	void aMissingPasswordFailsAtOnce(CapturedOutput output) {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.AUTH);
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_URL", "postgresql://auth_svc@localhost:" + postgres.port() + "/auth_db"))
					.awaitDatabase());

		assertThat(output.getOut()).as("not retried").doesNotContain(RETRIED);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not waiting for DATABASE_STARTUP_TIMEOUT")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(failure.getMessage()).contains("auth_svc").contains("auth_db").contains("password");
	}

	@Test
	void aMissingDatabaseFailsAtOnce() {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.AUTH);

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_URL", "postgresql://postgres@localhost:" + postgres.port() + "/no_such_db"))
					.awaitDatabase());

		assertThat(failure.getMessage()).contains("database no_such_db does not exist");
	}

	/** How many attempts the gate made before it gave up, as its message says. */
	private static long attempts(DatabaseStartupException failure) {
		return Long.parseLong(failure.getMessage().replaceAll(".*\\((\\d+) attempts?,.*", "$1"));
	}

	/**
	 * The attempts the gate retried, and the wait it chose before the next, as it logged
	 * them.
	 */
	private static List<Retry> retries(CapturedOutput output) {
		return output.getOut()
			.lines()
			.map(RETRY_LINE::matcher)
			.filter(Matcher::find)
			.map((line) -> new Retry(Long.parseLong(line.group(1)), Long.parseLong(line.group(2))))
			.toList();
	}

	private record Retry(long attempt, long waitMillis) {

	}

	private static DatabaseStartupGate gate(Map<String, String> variables) {
		Map<String, String> withDefaults = new HashMap<>(Map.of("DATABASE_STARTUP_TIMEOUT", "10"));
		withDefaults.putAll(variables);
		StorefrontSettings settings = StorefrontSettings.read(KnownServices.AUTH, withDefaults::get);
		return new DatabaseStartupGate(settings.service(), settings.database(), DefaultTuning.get());
	}

}
