package io.storefront.db.pool;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupGateTests {

	@Test
	void aReachableDatabaseOpensTheGateAtOnce(CapturedOutput output) {
		long started = System.nanoTime();

		gate(Map.of("DATABASE_URL", TestPostgres.shared().databaseUrl(KnownServices.AUTH))).awaitDatabase();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(output.getOut()).contains("database reachable").contains("attempt 1");
	}

	@Test
	void anUnreachableDatabaseIsRetriedUntilTheStartupTimeoutThenNamed(CapturedOutput output) throws IOException {
		int closedPort = closedPort();
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", Integer.toString(closedPort),
						"DATABASE_STARTUP_TIMEOUT", "1.5"))
					.awaitDatabase());

		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertThat(elapsed).as("the whole DATABASE_STARTUP_TIMEOUT is used, and not much more")
			.isGreaterThanOrEqualTo(Duration.ofMillis(1500))
			.isLessThan(Duration.ofMillis(1500 + 2000));
		assertThat(failure.getMessage()).contains("auth_svc@127.0.0.1:" + closedPort + "/auth_db")
			.contains("not reachable")
			.contains("DATABASE_STARTUP_TIMEOUT=1.5 s");
		long attempts = Long.parseLong(failure.getMessage().replaceAll(".*\\((\\d+) attempts.*", "$1"));
		assertThat(attempts).as("backoff 250, 500, 750 (cut to the deadline) ms").isEqualTo(4);
		assertThat(output.getOut().lines().filter((line) -> line.contains("not reachable (attempt")))
			.as("one line for each attempt that is retried")
			.hasSize((int) attempts - 1);
	}

	@Test
	void aZeroStartupTimeoutTriesOnce() throws IOException {
		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT", Integer.toString(closedPort()),
						"DATABASE_STARTUP_TIMEOUT", "0"))
					.awaitDatabase());

		assertThat(failure.getMessage()).contains("(1 attempts");
	}

	@Test
	void aDatabaseThatComesUpWhileWaitingOpensTheGate() throws Exception {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			String url = postgres.databaseUrl(KnownServices.AUTH);
			postgres.stop();
			CompletableFuture<Void> bringBack = CompletableFuture.runAsync(postgres::start,
					CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

			gate(Map.of("DATABASE_URL", url, "DATABASE_STARTUP_TIMEOUT", "20")).awaitDatabase();

			bringBack.get(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void aWrongPasswordFailsAtOnceNamingUserAndDatabaseButNotThePassword() {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.AUTH);
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_URL",
						"postgresql://auth_svc:Wr0ng-pa55@localhost:" + postgres.port() + "/auth_db"))
					.awaitDatabase());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried")
			.isLessThan(Duration.ofSeconds(5));
		assertThat(failure.getMessage()).contains("password authentication failed")
			.contains("auth_svc")
			.contains("auth_db")
			.doesNotContain("Wr0ng-pa55");
	}

	@Test
	void aMissingPasswordFailsAtOnce() {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.AUTH);
		long started = System.nanoTime();

		DatabaseStartupException failure = catchThrowableOfType(DatabaseStartupException.class,
				() -> gate(Map.of("DATABASE_URL", "postgresql://auth_svc@localhost:" + postgres.port() + "/auth_db"))
					.awaitDatabase());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried")
			.isLessThan(Duration.ofSeconds(5));
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

	private static DatabaseStartupGate gate(Map<String, String> variables) {
		Map<String, String> withDefaults = new HashMap<>(Map.of("DATABASE_STARTUP_TIMEOUT", "10"));
		withDefaults.putAll(variables);
		StorefrontSettings settings = StorefrontSettings.read(KnownServices.AUTH, withDefaults::get);
		return new DatabaseStartupGate(settings.service(), settings.database(), DatabaseTuning.defaults());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
