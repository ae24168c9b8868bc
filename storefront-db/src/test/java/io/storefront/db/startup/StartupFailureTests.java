package io.storefront.db.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that cannot start says why in one line and exits with status 1, run as an
 * operator runs it: a separate JVM configured by environment variables.
 */
@Tag("reliability")
class StartupFailureTests {

	/**
	 * A bound against a service that never exits, not a speed target: a JVM starting on a
	 * loaded two-core machine has taken over 30 s. How long the database is retried is
	 * read from the log's own times.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(180);

	@TempDir
	Path workingDirectory;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "DATABASE_POOL_SIZE, ten", "DATABASE_POOL_RECYCLE, 5", "PORT, http",
			"DATABASE_URL, mysql://auth_svc:pw@localhost/auth_db", "HEALTH_DETAILS_TOKEN, '   '" })
	void aBadValueStopsStartUpWithOneLineNamingTheVariable(String variable, String value) {
		// Every bad value of every variable is covered in-process by
		// StorefrontSettingsTests; these few
		// prove the path from the environment to the exit code.
		Outcome outcome = SampleServiceProcess.run(Map.of(variable, value), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, variable);
	}

	@Test
	void aBadLibrarySettingStopsStartUpWithOneLineNamingTheProperty() {
		Outcome outcome = SampleServiceProcess.run(Map.of("STOREFRONT_DB_MONITOR_INTERVAL", "0s"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "invalid configuration: storefront.db.monitor-interval must be longer");
	}

	/**
	 * The leak-detection threshold is checked against {@code DATABASE_POOL_RECYCLE},
	 * which is not in its settings record: it is checked on its own, before the database
	 * too.
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "STOREFRONT_SHUTDOWN_DRAIN_PERIOD, 10m, storefront.shutdown.drain-period must be",
			"STOREFRONT_DB_LEAK_DETECTION_THRESHOLD, 1s, storefront.db.leak-detection-threshold must be" })
	void aBadLibrarySettingStopsStartUpBeforeTheDatabaseIsTried(String variable, String value, String message)
			throws IOException {
		Outcome outcome = SampleServiceProcess.run(Map.of(variable, value, "DATABASE_HOST", "127.0.0.1",
				"DATABASE_PORT", Integer.toString(FreePorts.any()), "DATABASE_PASSWORD", "Unused-Pw1",
				"DATABASE_STARTUP_TIMEOUT", "60"), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "invalid configuration: " + message);
		assertThat(outcome.messages("WARN")).as("the database is not tried")
			.noneMatch((line) -> line.contains("not reachable"));
	}

	/**
	 * A parameter the driver cannot read fails every connection attempt; it used to be
	 * retried as an unreachable database for the whole start-up timeout.
	 */
	@Test
	void aBadDriverParameterStopsStartUpAtOnceNamingTheVariableAndTheParameter() throws IOException {
		Outcome outcome = SampleServiceProcess.run(
				Map.of("DATABASE_URL",
						"postgresql://auth_svc:Unused-Pw1@127.0.0.1:" + FreePorts.any()
								+ "/auth_db?connect_timeout=abc",
						"DATABASE_STARTUP_TIMEOUT", "60"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "invalid configuration: DATABASE_URL has connect_timeout=abc");
		assertThat(outcome.messages("WARN")).as("the database is not tried")
			.noneMatch((line) -> line.contains("not reachable"));
		assertThat(outcome.output()).doesNotContain("Unused-Pw1");
	}

	/**
	 * Spring Boot reports a port in use in a block of many lines that does not name the
	 * variable; the service says it in one.
	 */
	@Test
	void aPortInUseStopsStartUpWithOneLine() throws IOException {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Outcome outcome = SampleServiceProcess.run(Map.of("PORT", Integer.toString(taken.getLocalPort()),
					"SERVER_ADDRESS", "127.0.0.1", "DATABASE_URL",
					"postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port() + "/auth_db"),
					this.workingDirectory, LIMIT);

			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
			assertOneClearErrorLine(outcome, "port " + taken.getLocalPort() + " (PORT), or the probe port");
			assertThat(outcome.messages("ERROR").get(0)).contains("is already in use by another process");
			assertThat(outcome.output()).doesNotContain("APPLICATION FAILED TO START");
		}
	}

	/** A {@code .env} saved as Latin-1: one line naming the file, never the value. */
	@Test
	void aDotEnvFileThatIsNotUtf8StopsStartUpWithOneLine() throws IOException {
		Files.write(this.workingDirectory.resolve(".env"),
				"DATABASE_PASSWORD=caf\u00e9S3cret\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

		Outcome outcome = SampleServiceProcess.run(Map.of(), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertThat(outcome.output()).contains(".env is not UTF-8 text (line 1)")
			.doesNotContain("S3cret")
			.doesNotContain("\tat ")
			.doesNotContain("Caused by:");
	}

	@Test
	void anotherServicesDatabaseIsRefused() {
		Outcome outcome = SampleServiceProcess.run(Map.of("DATABASE_NAME", "product_db"), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "DATABASE_NAME");
		assertThat(outcome.messages("ERROR").get(0)).contains("product_db").contains("product-service");
	}

	@Test
	void anUnreachableDatabaseIsRetriedForTheStartupTimeoutThenStopsStartUp() throws IOException {
		int closedPort = FreePorts.any();
		Outcome outcome = SampleServiceProcess.run(Map.of("DATABASE_HOST", "127.0.0.1", "DATABASE_PORT",
				Integer.toString(closedPort), "DATABASE_PASSWORD", "Unused-Pw1", "DATABASE_STARTUP_TIMEOUT", "2"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertThat(outcome.messages("WARN")).as("one line per failed attempt")
			.filteredOn((line) -> line.contains("not reachable"))
			.hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((line) -> assertThat(line).contains("auth_db").contains("attempt"));
		assertOneClearErrorLine(outcome, "auth_db");
		assertThat(outcome.messages("ERROR").get(0)).contains("not reachable").contains("DATABASE_STARTUP_TIMEOUT");
		JsonNode firstRetry = outcome.logLines("WARN")
			.stream()
			.filter((line) -> line.path("message").asString().contains("not reachable"))
			.findFirst()
			.orElseThrow();
		Duration retrying = Duration.between(timestamp(firstRetry), timestamp(outcome.logLines("ERROR").get(0)));
		assertThat(retrying).as("retried for DATABASE_STARTUP_TIMEOUT, then gave up")
			.isGreaterThanOrEqualTo(Duration.ofMillis(1000))
			.isLessThan(Duration.ofSeconds(2 + 3));
		assertThat(outcome.output()).doesNotContain("Unused-Pw1");
	}

	@Test
	void aWrongPasswordStopsStartUpAtOnceNamingUserAndDatabase() {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		String wrongPassword = "Wr0ng-" + account.password().substring(0, 8);

		Outcome outcome = SampleServiceProcess.run(
				Map.of("DATABASE_URL",
						"postgresql://auth_svc:" + wrongPassword + "@localhost:" + postgres.port() + "/auth_db"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "password authentication failed");
		assertThat(outcome.messages("ERROR").get(0)).contains("auth_svc").contains("auth_db");
		assertThat(outcome.messages("WARN")).as("a wrong password is not retried")
			.noneMatch((line) -> line.contains("not reachable"));
		assertThat(outcome.output()).doesNotContain(wrongPassword).doesNotContain(account.password());
	}

	@Test
	void aMissingDatabaseStopsStartUpAtOnceSayingSo() {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);

		Outcome outcome = SampleServiceProcess.run(Map.of("DATABASE_URL",
				"postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port() + "/auth_db_missing"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "database auth_db_missing does not exist");
		assertThat(outcome.messages("ERROR").get(0)).contains("./storefront db provision");
		assertThat(outcome.messages("WARN")).as("a missing database is not retried")
			.noneMatch((line) -> line.contains("not reachable"));
		assertThat(outcome.output()).doesNotContain(account.password());
	}

	@Test
	void realEnvironmentVariablesWinOverTheDotEnvFile() throws IOException {
		Files.writeString(this.workingDirectory.resolve(".env"),
				"DATABASE_POOL_SIZE=not-a-number\nDATABASE_MAX_OVERFLOW=-3\n");

		Outcome outcome = SampleServiceProcess.run(Map.of("DATABASE_POOL_SIZE", "5"), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertOneClearErrorLine(outcome, "DATABASE_MAX_OVERFLOW");
		assertThat(outcome.output()).doesNotContain("not-a-number");
	}

	/**
	 * The operator sees one ERROR line saying what to fix; Spring adds no second line
	 * repeating the exception, and there is no stack trace.
	 */
	private static void assertOneClearErrorLine(Outcome outcome, String mustName) {
		assertThat(outcome.messages("ERROR")).as(outcome.toString())
			.singleElement()
			.asString()
			.startsWith("auth-service cannot start: ")
			.contains(mustName);
		assertThat(outcome.logLines("WARN")).as(outcome.toString())
			.noneMatch((line) -> line.path("message").asString().contains("Exception"))
			.noneMatch((line) -> line.has("stack_trace"));
		assertThat(outcome.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by:");
		assertThat(outcome.output()).as("no advice to re-run with debug, which here means SQL logging")
			.doesNotContain("condition evaluation report");
	}

	private static Instant timestamp(JsonNode logLine) {
		return Instant.parse(logLine.path("@timestamp").asString());
	}

}
