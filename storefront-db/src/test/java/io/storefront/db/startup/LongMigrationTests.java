package io.storefront.db.startup;

import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.KnownServices;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * A migration statement may run longer than any single read the pool allows
 * ({@code storefront.db.socket-timeout}): an index built on a large table takes minutes.
 * Flyway's connection has a read limit of its own,
 * {@code storefront.db.migration-socket-timeout}.
 */
class LongMigrationTests {

	private static final String SLOW_MIGRATION = "spring.flyway.locations=classpath:io/storefront/db/startup/slow-migration";

	@Test
	void migrationStatementsHaveAReadLimitOfTheirOwn() {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			String databaseUrl = "DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH);

			RuntimeException cut = catchRuntimeException(
					() -> SampleService.start(databaseUrl, SLOW_MIGRATION, "storefront.db.migration-socket-timeout=1s")
						.close());
			assertThat(CauseChain.contains(cut, SocketTimeoutException.class))
				.as("a migration longer than its own limit: %s", cut)
				.isTrue();

			try (SampleService service = SampleService.start(databaseUrl, SLOW_MIGRATION,
					"storefront.db.socket-timeout=1s")) {
				assertThat(service.bean(MigrationStatus.class).isApplied())
					.as("a migration longer than the pool's limit")
					.isTrue();
			}
		}
	}

}
