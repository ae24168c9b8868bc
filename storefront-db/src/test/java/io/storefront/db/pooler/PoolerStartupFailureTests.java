package io.storefront.db.pooler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad pooler settings stop start-up as every bad setting does (contract section 2): exit
 * code 1 and one line, the service run as an operator runs it, a separate JVM configured
 * by its environment.
 */
@Tag("reliability")
class PoolerStartupFailureTests {

	private static final Duration LIMIT = Duration.ofSeconds(30);

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

}
