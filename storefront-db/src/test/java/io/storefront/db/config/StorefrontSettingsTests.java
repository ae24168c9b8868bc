package io.storefront.db.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StorefrontSettingsTests {

	private static final String PASSWORD = "s3cret-Pw";

	private static final String URL = "postgresql://auth_svc:" + PASSWORD + "@db.internal:6432/auth_db";

	@Test
	void componentVariablesAreUsedWhenDatabaseUrlIsAbsent() {
		StorefrontSettings settings = read(Map.of("DATABASE_HOST", "db.internal", "DATABASE_PORT", "6432",
				"DATABASE_NAME", "auth_db", "DATABASE_USER", "someone", "DATABASE_PASSWORD", " spaced pw "));

		DatabaseSettings database = settings.database();
		assertThat(database.host()).isEqualTo("db.internal");
		assertThat(database.port()).isEqualTo(6432);
		assertThat(database.database()).isEqualTo("auth_db");
		assertThat(database.user()).isEqualTo("someone");
		assertThat(database.password()).as("a password is taken exactly as given").isEqualTo(" spaced pw ");
		assertThat(database.driverParameters()).isEmpty();
		assertThat(settings.warnings()).isEmpty();
	}

	@Test
	void withNothingSetTheContractDefaultsApply() {
		StorefrontSettings settings = read(Map.of());

		DatabaseSettings database = settings.database();
		assertThat(database.host()).isEqualTo("localhost");
		assertThat(database.port()).isEqualTo(5432);
		assertThat(database.database()).isEqualTo("auth_db");
		assertThat(database.user()).isEqualTo("auth_svc");
		assertThat(database.hasPassword()).isFalse();
		assertThat(database.pool()).isEqualTo(new PoolSettings(10, 20, Duration.ofSeconds(30), Duration.ofHours(1)));
		assertThat(database.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(database.debug()).isFalse();
		assertThat(settings.httpPort()).isEmpty();
		assertThat(settings.healthDetailsToken()).isEmpty();
	}

	@Test
	void blankVariablesCountAsUnset() {
		StorefrontSettings settings = read(
				Map.of("DATABASE_URL", "  ", "DATABASE_POOL_SIZE", "", "PORT", " ", "HEALTH_DETAILS_TOKEN", ""));

		assertThat(settings.database().host()).isEqualTo("localhost");
		assertThat(settings.database().pool().size()).isEqualTo(10);
		assertThat(settings.httpPort()).isEmpty();
		assertThat(settings.healthDetailsToken()).as("an empty token is no token").isEmpty();
	}

	/**
	 * Unlike other variables, a token of only whitespace is not taken as unset: the
	 * operator meant to protect /health/detailed, and it would be left open.
	 */
	@ParameterizedTest(name = "HEALTH_DETAILS_TOKEN=\"{0}\"")
	@ValueSource(strings = { " ", "   ", "\t", " \n " })
	void aHealthDetailsTokenOfOnlyWhitespaceIsRefused(String value) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> read(Map.of("HEALTH_DETAILS_TOKEN", value)));

		assertThat(failure).isNotNull();
		assertThat(failure.variable()).isEqualTo("HEALTH_DETAILS_TOKEN");
		assertThat(failure.getMessage()).startsWith("invalid configuration: HEALTH_DETAILS_TOKEN ")
			.contains("only whitespace");
	}

	@Test
	void databaseUrlWinsOverComponentVariables() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", URL, "DATABASE_HOST", "elsewhere"));

		assertThat(settings.database().host()).isEqualTo("db.internal");
		assertThat(settings.database().port()).isEqualTo(6432);
		assertThat(settings.database().password()).isEqualTo(PASSWORD);
	}

	@Test
	void credentialsTheUrlLeavesOutComeFromTheComponentVariables() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", "postgresql://db.internal/auth_db", "DATABASE_USER",
				"auth_blue", "DATABASE_PASSWORD", PASSWORD));

		assertThat(settings.database().user()).isEqualTo("auth_blue");
		assertThat(settings.database().password()).isEqualTo(PASSWORD);
		assertThat(settings.warnings()).isEmpty();
	}

	@Test
	void aUrlWithoutUserConnectsAsTheServiceRole() {
		assertThat(read(Map.of("DATABASE_URL", "postgres://h/auth_db")).database().user()).isEqualTo("auth_svc");
	}

	@Test
	void urlQueryParametersReachTheDriverInItsSpelling() {
		StorefrontSettings settings = read(
				Map.of("DATABASE_URL", URL + "?sslmode=require&application_name=auth-blue&connect_timeout=3"));

		assertThat(settings.database().driverParameters()).containsEntry("sslmode", "require")
			.containsEntry("ApplicationName", "auth-blue")
			.containsEntry("connectTimeout", "3");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			DATABASE_URL           | sslmode=bogus        | sslmode=bogus
			DATABASE_URL           | socketTimeout=abc    | socketTimeout=abc
			DATABASE_URL           | connect_timeout=abc  | connect_timeout=abc
			DATABASE_MIGRATION_URL | sslmode=bogus        | sslmode=bogus
			DATABASE_MIGRATION_URL | connect_timeout=-5   | connect_timeout=-5
			""")
	void aBadDriverParameterIsRefusedNamingTheVariableThatHoldsIt(String variable, String query, String named) {
		Map<String, String> variables = new HashMap<>(Map.of("DATABASE_URL", URL));
		variables.put(variable, URL + "?" + query);

		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class, () -> read(variables));

		assertThat(failure).as("%s?%s must be refused", variable, query).isNotNull();
		assertThat(failure.variable()).isEqualTo(variable);
		assertThat(failure.getMessage()).startsWith("invalid configuration: " + variable + " has " + named)
			.as("named as written, not in the driver's spelling")
			.doesNotContain("connectTimeout")
			.doesNotContain(PASSWORD);
	}

	@Test
	void numbersAreRead() {
		StorefrontSettings settings = read(Map.of("DATABASE_POOL_SIZE", "3", "DATABASE_MAX_OVERFLOW", "0",
				"DATABASE_POOL_TIMEOUT", "0.5", "DATABASE_POOL_RECYCLE", "0", "DATABASE_STARTUP_TIMEOUT", "0", "PORT",
				"9100", "DEBUG", "yes", "HEALTH_DETAILS_TOKEN", "tok"));

		DatabaseSettings database = settings.database();
		assertThat(database.pool()).isEqualTo(new PoolSettings(3, 0, Duration.ofMillis(500), Duration.ZERO));
		assertThat(database.startupTimeout()).isZero();
		assertThat(database.debug()).isTrue();
		assertThat(settings.httpPort()).hasValue(9100);
		assertThat(settings.healthDetailsToken()).hasValue("tok");
	}

	@ParameterizedTest(name = "DEBUG={0} -> {1}")
	@CsvSource({ "true, true", "TRUE, true", "1, true", "yes, true", "on, true", "false, false", "0, false",
			"no, false", "Off, false" })
	void debugAcceptsTheUsualSpellings(String value, boolean expected) {
		assertThat(read(Map.of("DEBUG", value)).database().debug()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			DATABASE_POOL_SIZE       | abc                  | whole number
			DATABASE_POOL_SIZE       | -1                   | at least 0
			DATABASE_POOL_SIZE       | 1.5                  | whole number
			DATABASE_POOL_SIZE       | 99999999999          | at most
			DATABASE_POOL_SIZE       | 300000               | at most
			DATABASE_MAX_OVERFLOW    | twenty               | whole number
			DATABASE_MAX_OVERFLOW    | -20                  | at least 0
			DATABASE_MAX_OVERFLOW    | 262140               | at most
			DATABASE_POOL_TIMEOUT    | soon                 | number of seconds
			DATABASE_POOL_TIMEOUT    | -1                   | at least 0.25
			DATABASE_POOL_TIMEOUT    | 0                    | at least 0.25
			DATABASE_POOL_TIMEOUT    | 0.1                  | at least 0.25
			DATABASE_POOL_TIMEOUT    | 99999999             | too large
			DATABASE_POOL_RECYCLE    | 1                    | at least 30 seconds (got 1)
			DATABASE_POOL_RECYCLE    | 29                   | at least 30 seconds (got 29)
			DATABASE_POOL_RECYCLE    | 29.9                 | at least 30 seconds (got 29.9)
			DATABASE_POOL_RECYCLE    | +29                  | at least 30 seconds (got 29)
			DATABASE_POOL_RECYCLE    | 029.50               | at least 30 seconds (got 29.50)
			DATABASE_POOL_RECYCLE    | -1                   | at least 0
			DATABASE_POOL_RECYCLE    | hourly               | number of seconds
			DATABASE_STARTUP_TIMEOUT | abc                  | number of seconds
			DATABASE_STARTUP_TIMEOUT | -5                   | at least 0
			DATABASE_STARTUP_TIMEOUT | 30s                  | number of seconds
			DEBUG                    | maybe                | true or false
			DEBUG                    | 2                    | true or false
			PORT                     | http                 | TCP port from 1 to 65535
			PORT                     | 0                    | TCP port from 1 to 65535
			PORT                     | 65536                | 1 to 65535
			PORT                     | -80                  | TCP port from 1 to 65535
			DATABASE_PORT            | five                 | TCP port from 1 to 65535
			DATABASE_PORT            | 0                    | TCP port from 1 to 65535
			DATABASE_PORT            | 99999                | 1 to 65535
			DATABASE_HOST            | local host           | host name
			DATABASE_HOST            | ::1                  | in brackets
			DATABASE_NAME            | product_db           | belongs to product-service
			DATABASE_NAME            | cart_db              | belongs to cart-service
			""")
	void everyBadValueIsRefusedNamingItsVariable(String variable, String value, String rule) {
		Map<String, String> variables = new HashMap<>(Map.of("DATABASE_PASSWORD", PASSWORD));
		variables.put(variable, value);

		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class, () -> read(variables));

		assertThat(failure).as("%s=%s must be refused", variable, value).isNotNull();
		assertThat(failure.variable()).isEqualTo(variable);
		assertThat(failure.getMessage()).startsWith("invalid configuration: " + variable + " ")
			.contains(rule)
			.doesNotContain(PASSWORD);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			DATABASE_POOL_TIMEOUT | 0.25 | PT0.25S | PT1H
			DATABASE_POOL_RECYCLE | 30   | PT30S   | PT30S
			""")
	void theSmallestValueEachDurationRuleAllowsIsRead(String variable, String value, Duration timeout,
			Duration recycle) {
		PoolSettings pool = read(Map.of(variable, value)).database().pool();

		assertThat(pool).isEqualTo(new PoolSettings(10, 20, timeout, recycle));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "nonsense", "mysql://auth_svc:" + PASSWORD + "@h/auth_db",
			"postgresql://auth_svc:" + PASSWORD + "@h:port/auth_db", "postgresql://auth_svc:" + PASSWORD + "@h",
			"postgresql://auth_svc:" + PASSWORD + "@h/product_db", "postgres://auth_svc:" + PASSWORD + "@h/cart_db",
			"jdbc:postgresql://h/product_db?user=auth_svc&password=" + PASSWORD,
			"postgresql://auth_svc:" + PASSWORD + "/x@h/auth_db" })
	void badDatabaseUrlsAreRefusedWithoutQuotingThem(String url) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> read(Map.of("DATABASE_URL", url)));

		assertThat(failure).isNotNull();
		assertThat(failure.variable()).isEqualTo("DATABASE_URL");
		assertThat(failure.getMessage()).startsWith("invalid configuration: DATABASE_URL ").doesNotContain(PASSWORD);
	}

	@Test
	void poolSizeAndOverflowOfZeroLeaveNoConnection() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> read(Map.of("DATABASE_POOL_SIZE", "0", "DATABASE_MAX_OVERFLOW", "0")));

		assertThat(failure.variable()).isEqualTo("DATABASE_POOL_SIZE");
		assertThat(failure.getMessage()).contains("DATABASE_MAX_OVERFLOW");
	}

	@Test
	void anUnknownServiceNeverOwnsADatabase() {
		ServiceIdentity other = new ServiceIdentity("report-service", 8009, "report_db", "report_svc");

		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> StorefrontSettings.read(other, Map.of("DATABASE_NAME", "auth_db")::get));

		assertThat(failure.getMessage()).contains("DATABASE_NAME").contains("auth-service").contains("report_db");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "DATABASE_HOST, elsewhere", "DATABASE_PORT, 5432", "DATABASE_NAME, other_db",
			"DATABASE_USER, someone" })
	void aComponentVariableThatDisagreesWithTheUrlIsAWarningNamingIt(String variable, String value) {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", URL, variable, value));

		assertThat(settings.warnings()).singleElement()
			.asString()
			.startsWith(variable + "=" + value + " disagrees with DATABASE_URL");
	}

	@Test
	void componentVariablesThatAgreeWithTheUrlAreNoWarning() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", URL, "DATABASE_HOST", "db.internal", "DATABASE_PORT",
				"6432", "DATABASE_NAME", "auth_db", "DATABASE_USER", "auth_svc", "DATABASE_PASSWORD", PASSWORD));

		assertThat(settings.warnings()).isEmpty();
	}

	@Test
	void aDisagreeingPasswordIsNamedButNeverShown() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", URL, "DATABASE_PASSWORD", "other-Pw"));

		assertThat(settings.warnings()).singleElement()
			.asString()
			.startsWith("DATABASE_PASSWORD disagrees")
			.doesNotContain(PASSWORD)
			.doesNotContain("other-Pw");
	}

	@Test
	void toStringShowsNoSecret() {
		StorefrontSettings settings = read(Map.of("DATABASE_URL", URL + "?sslmode=require", "HEALTH_DETAILS_TOKEN",
				"t0ken-Value", "DATABASE_PASSWORD", "other-Pw"));

		assertThat(settings.toString()).contains("db.internal")
			.doesNotContain(PASSWORD)
			.doesNotContain("other-Pw")
			.doesNotContain("t0ken-Value");
		assertThat(settings.database().toString()).contains("auth_svc@db.internal:6432/auth_db")
			.doesNotContain(PASSWORD);
	}

	private static StorefrontSettings read(Map<String, String> variables) {
		return StorefrontSettings.read(KnownServices.AUTH, variables::get);
	}

}
