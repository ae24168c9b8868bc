package io.storefront.db.pooler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TcpProxy;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;
import io.storefront.sample.SampleServiceProcess.Running;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad pooler settings stop start-up as every bad setting does (contract section 2): exit
 * code 1 and one line, the service run as an operator runs it, a separate JVM configured
 * by its environment.
 */
@Tag("reliability")
class PoolerStartupFailureTests {

	/**
	 * A bound against a service that never exits, not a speed target, as in
	 * StartupFailureTests: a JVM starting on a loaded two-core machine has taken over 30
	 * s.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(180);

	@TempDir
	Path workingDirectory;

	@Test
	void aPgBouncerThatIsNotThereIsRetriedForTheStartupTimeoutThenStopsStartUp() throws IOException {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		String nobodyListens = account.databaseUrl("127.0.0.1", FreePorts.any());

		Outcome outcome = SampleServiceProcess.run(
				Map.of("DATABASE_URL", nobodyListens, "DATABASE_POOLER", "pgbouncer", "DATABASE_MIGRATION_URL",
						postgres.databaseUrl(KnownServices.AUTH), "DATABASE_STARTUP_TIMEOUT", "2"),
				this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertThat(outcome.messages("WARN")).as("one line per failed attempt")
			.filteredOn((line) -> line.contains("not reachable"))
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(outcome.messages("ERROR")).as(outcome.toString())
			.singleElement()
			.asString()
			.startsWith("auth-service cannot start: ")
			.contains("not reachable")
			.contains("DATABASE_STARTUP_TIMEOUT");
		assertThat(outcome.output()).doesNotContain(account.password()).doesNotContain("\tat ");
	}

	/**
	 * The pooler comes up two seconds into a six-second window, PostgreSQL itself never:
	 * the service waits for it what is left of the window, not a window of its own. Timed
	 * on the service's own log clock, and against a whole window, which waiting afresh
	 * would take at the least however fast the machine: the margin is the two seconds the
	 * pooler took, not a guess at how slow a loaded machine is.
	 */
	@Test
	void waitingForThePoolerThenForPostgresItselfTakesOneStartupWindowInAll() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		int poolerPort = FreePorts.any();
		int nobodyListens = FreePorts.any();
		Duration window = Duration.ofSeconds(6);
		Outcome outcome;
		try (Running service = SampleServiceProcess
			.start(Map.of("DATABASE_URL", account.databaseUrl("127.0.0.1", poolerPort), "DATABASE_POOLER", "pgbouncer",
					"DATABASE_MIGRATION_URL", account.databaseUrl("127.0.0.1", nobodyListens),
					"DATABASE_STARTUP_TIMEOUT", Long.toString(window.toSeconds())), this.workingDirectory)) {
			awaitLine(service, "not reachable");
			Thread.sleep(2000);
			try (TcpProxy pooler = new TcpProxy("127.0.0.1", postgres.port(), poolerPort)) {
				outcome = service.awaitExit(LIMIT);
			}
		}

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		Instant poolerReached = timeOf(outcome, "INFO", "database reachable");
		Instant gaveUp = timeOf(outcome, "ERROR", "cannot start");
		assertThat(outcome.messages("ERROR")).singleElement()
			.asString()
			.contains("127.0.0.1:" + nobodyListens)
			.contains("DATABASE_STARTUP_TIMEOUT=6 s");
		assertThat(Duration.between(poolerReached, gaveUp))
			.as("PostgreSQL itself is waited for only what the wait for the pooler left of the window")
			.isLessThan(window);
	}

	@Test
	void aMigrationUrlOnAnotherServicesDatabaseStopsStartUpWithOneLine() {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		String cartDatabase = "postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port()
				+ "/cart_db";

		Outcome outcome = SampleServiceProcess.run(Map.of("DATABASE_URL", postgres.databaseUrl(KnownServices.AUTH),
				"DATABASE_POOLER", "pgbouncer", "DATABASE_MIGRATION_URL", cartDatabase), this.workingDirectory, LIMIT);

		assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
		assertThat(outcome.messages("ERROR")).as(outcome.toString())
			.singleElement()
			.asString()
			.startsWith("auth-service cannot start: invalid configuration: DATABASE_MIGRATION_URL ")
			.contains("cart_db, which belongs to cart-service");
		assertThat(outcome.output()).doesNotContain(account.password()).doesNotContain("\tat ");
	}

	private static void awaitLine(Running service, String text) throws InterruptedException {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (service.lines().stream().noneMatch((line) -> line.contains(text))) {
			assertThat(System.nanoTime()).as("a line containing \"%s\" within %s", text, LIMIT).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static Instant timeOf(Outcome outcome, String level, String message) {
		return outcome.logLines(level)
			.stream()
			.filter((line) -> line.path("message").asString().contains(message))
			.map((line) -> Instant.parse(line.path("@timestamp").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + level + " line containing " + message + ":\n" + outcome));
	}

}
