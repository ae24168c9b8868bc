package io.storefront.db.config;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code DATABASE_POOLER} and {@code DATABASE_MIGRATION_URL} (contract sections 2 and 7).
 */
class PoolerSettingsTests {

	private static final String PASSWORD = "s3cret-Pw";

	private static final String THROUGH_PGBOUNCER = "postgresql://auth_svc:" + PASSWORD
			+ "@pgbouncer.internal:6432/auth_db";

	@Test
	void withoutPoolerOrMigrationUrlMigrationsUseTheServicesOwnConnection() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", THROUGH_PGBOUNCER));

		assertThat(settings.database().pooler()).isEqualTo(DatabasePooler.NONE);
		assertThat(settings.migration()).isSameAs(settings.database());
		assertThat(settings.warnings()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pgbouncer", "PgBouncer", " pgbouncer " })
	void pgbouncerIsReadInAnyCase(String value) {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", THROUGH_PGBOUNCER, "DATABASE_POOLER", value));

		assertThat(settings.database().pooler()).isEqualTo(DatabasePooler.PGBOUNCER);
	}

	@Test
	void anUnknownPoolerIsRefusedNamingTheVariable() {
		InvalidSettingException failure = refused(Map.of("DATABASE_POOLER", "pgpool"));

		assertThat(failure.variable()).isEqualTo("DATABASE_POOLER");
		assertThat(failure.getMessage())
			.isEqualTo("invalid configuration: DATABASE_POOLER must be none or pgbouncer (got \"pgpool\")");
	}

	@Test
	void theMigrationUrlIsADirectConnectionWithTheServicesCredentialsWhereItLeavesThemOut() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", THROUGH_PGBOUNCER, "DATABASE_POOLER", "pgbouncer",
				"DATABASE_MIGRATION_URL", "postgresql://db.internal:5432/auth_db?sslmode=require"));

		DatabaseSettings migration = settings.migration();
		assertThat(migration.describe()).isEqualTo("auth_svc@db.internal:5432/auth_db");
		assertThat(migration.password()).isEqualTo(PASSWORD);
		assertThat(migration.driverParameters()).containsEntry("sslmode", "require");
		assertThat(migration.pooler()).as("a direct connection").isEqualTo(DatabasePooler.NONE);
		assertThat(settings.database().pooler()).isEqualTo(DatabasePooler.PGBOUNCER);
		assertThat(settings.warnings()).isEmpty();
		assertThat(settings.toString()).contains("db.internal:5432").doesNotContain(PASSWORD);
	}

	@Test
	void pgbouncerWithoutAMigrationUrlIsAWarning() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", THROUGH_PGBOUNCER, "DATABASE_POOLER", "pgbouncer"));

		assertThat(settings.migration()).isSameAs(settings.database());
		assertThat(settings.warnings()).singleElement()
			.asString()
			.startsWith("DATABASE_POOLER=pgbouncer without DATABASE_MIGRATION_URL");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					postgresql://auth_svc:s3cret-Pw@db.internal/cart_db     | points at cart_db, which belongs to cart-service
					postgresql://auth_svc:s3cret-Pw@db.internal/product_db  | points at product_db, which belongs to product-service
					postgresql://auth_svc:s3cret-Pw@db.internal/other_db    | names database other_db, but the service uses auth_db
					postgresql://postgres:s3cret-Pw@db.internal/auth_db     | logs in as postgres, but the service logs in as auth_svc
					mysql://db.internal/auth_db                             | is not a PostgreSQL URL
					""")
	void aMigrationUrlElsewhereThanTheServicesOwnDatabaseAndRoleIsRefused(String url, String reason) {
		InvalidSettingException failure = refused(Map.of("DATABASE_URL", THROUGH_PGBOUNCER, "DATABASE_POOLER",
				"pgbouncer", "DATABASE_MIGRATION_URL", url));

		assertThat(failure.variable()).isEqualTo("DATABASE_MIGRATION_URL");
		assertThat(failure.getMessage()).startsWith("invalid configuration: DATABASE_MIGRATION_URL ")
			.contains(reason)
			.doesNotContain(PASSWORD);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "options=-c%20statement_timeout%3D5s", "currentSchema=shop", "prepareThreshold=5" })
	void driverParametersPgBouncerCannotCarryAreRefusedBehindIt(String parameter) {
		String url = THROUGH_PGBOUNCER + "?" + parameter;

		InvalidSettingException failure = refused(Map.of("DATABASE_URL", url, "DATABASE_POOLER", "pgbouncer"));

		assertThat(failure.variable()).isEqualTo("DATABASE_URL");
		assertThat(failure.getMessage()).contains(parameter.substring(0, parameter.indexOf('=')))
			.contains("DATABASE_POOLER=pgbouncer")
			.doesNotContain(PASSWORD);
		assertThat(read(Map.of("DATABASE_URL", url)).database().driverParameters()).as("fine without a pooler")
			.hasSize(1);
	}

	@Test
	void prepareThresholdZeroIsWhatPgBouncerNeedsAndIsAcceptedBehindIt() {
		StorefrontSettings settings = read(
				Map.of("DATABASE_URL", THROUGH_PGBOUNCER + "?prepareThreshold=0", "DATABASE_POOLER", "pgbouncer"));

		assertThat(settings.database().driverParameters()).containsEntry("prepareThreshold", "0");
	}

	private static InvalidSettingException refused(Map<String, String> variables) {
		Map<String, String> all = new HashMap<>(Map.of("DATABASE_PASSWORD", PASSWORD));
		all.putAll(variables);
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class, () -> read(all));
		assertThat(failure).as("%s must be refused", variables).isNotNull();
		return failure;
	}

	private static StorefrontSettings read(Map<String, String> variables) {
		return StorefrontSettings.read(KnownServices.AUTH, variables::get);
	}

}
