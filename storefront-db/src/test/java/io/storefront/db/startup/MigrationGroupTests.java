package io.storefront.db.startup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * A service's pending migrations are applied as one group, in one transaction under one
 * lock ({@code spring.flyway.group}). Flyway's default takes the lock afresh for each
 * migration, so replicas starting together could each apply some of the set, and a
 * replica of the old version could see the schema halfway; with the group one replica
 * migrates, the others wait and find the schema up to date, and every replica sees it
 * before or after the whole set.
 */
class MigrationGroupTests {

	@Test
	void aSetWhoseLastMigrationFailsLeavesTheSchemaAsItWasBefore() throws SQLException {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			assertThatRuntimeException().isThrownBy(
					() -> SampleService
						.start("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH),
								"spring.flyway.locations=classpath:io/storefront/db/startup/last-migration-fails")
						.close());

			try (Connection admin = postgres.adminConnection(KnownServices.AUTH.databaseName());
					Statement statement = admin.createStatement();
					ResultSet schema = statement.executeQuery("""
							SELECT to_regclass('first_table') IS NULL,
							       (SELECT count(*) FROM flyway_schema_history WHERE success)""")) {
				schema.next();
				assertThat(schema.getBoolean(1)).as("the first migration's table was rolled back").isTrue();
				assertThat(schema.getInt(2)).as("migrations recorded as applied").isZero();
			}
		}
	}

}
