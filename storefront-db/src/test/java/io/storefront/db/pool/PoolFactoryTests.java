package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class PoolFactoryTests {

	private static final String URL = TestPostgres.shared().databaseUrl(KnownServices.AUTH);

	@Test
	void thePoolVariablesMapToHikariCp() {
		try (HikariDataSource pool = open(Map.of("DATABASE_URL", URL, "DATABASE_POOL_SIZE", "3",
				"DATABASE_MAX_OVERFLOW", "4", "DATABASE_POOL_TIMEOUT", "7.5", "DATABASE_POOL_RECYCLE", "120"))) {
			assertThat(pool.getMinimumIdle()).isEqualTo(3);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
			assertThat(pool.getConnectionTimeout()).isEqualTo(7500);
			assertThat(pool.getValidationTimeout())
				.as("a dead idle connection is given up after 2 s, leaving the rest of the timeout for another")
				.isEqualTo(2000);
			assertThat(pool.getMaxLifetime()).isEqualTo(120_000);
			assertThat(pool.getIdleTimeout()).as("the tuning's overflow idle timeout").isEqualTo(45_000);
			assertThat(pool.getPoolName()).isEqualTo("auth-service");
		}
	}

	@Test
	void urlQueryParametersReachTheServer() throws Exception {
		String url = URL + "?sslmode=disable&application_name=auth-blue&options=-c%20statement_timeout%3D4321";
		try (HikariDataSource pool = open(Map.of("DATABASE_URL", url));
				Connection connection = pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(
						"SELECT current_setting('statement_timeout'), current_setting('application_name'), current_user")) {
			row.next();
			assertThat(row.getString(1)).isEqualTo("4321ms");
			assertThat(row.getString(2)).isEqualTo("auth-blue");
			assertThat(row.getString(3)).isEqualTo("auth_svc");
		}
	}

	@Test
	void withoutParametersConnectionsNameTheService() throws Exception {
		try (HikariDataSource pool = open(Map.of("DATABASE_URL", URL));
				Connection connection = pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_setting('application_name')")) {
			row.next();
			assertThat(row.getString(1)).isEqualTo("auth-service");
		}
	}

	/**
	 * A failed statement's message is logged; the row it quotes (a user's email, a
	 * password hash) must not be, yet the code may still read it.
	 */
	@Test
	void theServersDetailStaysOutOfTheMessageButNotOutOfReach() throws Exception {
		try (HikariDataSource pool = open(Map.of("DATABASE_URL", URL));
				Connection connection = pool.getConnection();
				Statement statement = connection.createStatement()) {
			assertThatThrownBy(() -> statement
				.execute("DO $$ BEGIN RAISE EXCEPTION 'refused' USING DETAIL = 'row of alice@example.com'; END $$"))
				.isInstanceOfSatisfying(PSQLException.class, (refused) -> {
					assertThat(refused.getMessage()).contains("refused").doesNotContain("alice@example.com");
					assertThat(refused.getServerErrorMessage().getDetail()).isEqualTo("row of alice@example.com");
				});
		}
	}

	/**
	 * HikariCP switches an idle timeout off, or replaces it with 10 minutes, with a WARN
	 * at every start where it cannot apply; the factory sets it only where it can.
	 */
	@ParameterizedTest(name = "size {0}, overflow {1}, recycle {2} s")
	@CsvSource({ "2, 0, 3600, 0", "2, 3, 45, 0", "2, 3, 46, 45000", "2, 3, 0, 45000" })
	void theOverflowIdleTimeoutIsSetOnlyWhereHikariCpWouldApplyIt(String size, String overflow, String recycle,
			long idleTimeout, CapturedOutput output) {
		try (HikariDataSource pool = open(Map.of("DATABASE_URL", URL, "DATABASE_POOL_SIZE", size,
				"DATABASE_MAX_OVERFLOW", overflow, "DATABASE_POOL_RECYCLE", recycle))) {
			assertThat(pool.getIdleTimeout()).isEqualTo(idleTimeout);
		}
		assertThat(output.getOut()).doesNotContain("idleTimeout");
	}

	@ParameterizedTest(name = "threshold {0}")
	@CsvSource({ "PT1S, 1s", "PT1.5S, 1.5s", "PT1.9995S, 1.9995s", "PT1M0.5S, 60.5s" })
	void aLeakDetectionThresholdHikariWouldSwitchOffIsRefused(Duration threshold, String shown) {
		StorefrontSettings settings = StorefrontSettings.read(KnownServices.AUTH,
				Map.of("DATABASE_URL", URL, "DATABASE_POOL_RECYCLE", "60")::get);

		assertThatThrownBy(() -> PoolFactory.configure(settings.service(), settings.database(), tuning(threshold)))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessage("invalid configuration: storefront.db.leak-detection-threshold must be 0s (off), or from 2s "
					+ "(HikariCP's shortest) to DATABASE_POOL_RECYCLE, 60s (got " + shown + ")");
		assertThat(PoolFactory.configure(settings.service(), settings.database(), tuning(Duration.ofSeconds(60)))
			.getLeakDetectionThreshold()).isEqualTo(60_000);
	}

	/**
	 * Seconds with a fraction are the lifetime HikariCP gets, not the seconds before it.
	 */
	@Test
	void theRecycleTimeARefusedThresholdIsMeasuredAgainstIsShownWhole() {
		StorefrontSettings settings = StorefrontSettings.read(KnownServices.AUTH,
				Map.of("DATABASE_URL", URL, "DATABASE_POOL_RECYCLE", "30.5")::get);

		assertThatThrownBy(
				() -> PoolFactory.configure(settings.service(), settings.database(), tuning(Duration.ofMillis(30_600))))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageEndingWith("to DATABASE_POOL_RECYCLE, 30.5s (got 30.6s)");
	}

	private static DatabaseTuning tuning(Duration leakDetection) {
		return new DatabaseTuning(Duration.ofSeconds(45), leakDetection, Duration.ofSeconds(5), Duration.ofSeconds(30),
				Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

	private static HikariDataSource open(Map<String, String> variables) {
		Map<String, String> small = new HashMap<>(Map.of("DATABASE_POOL_SIZE", "1", "DATABASE_MAX_OVERFLOW", "1"));
		small.putAll(variables);
		StorefrontSettings settings = StorefrontSettings.read(KnownServices.AUTH, small::get);
		return PoolFactory.open(settings.service(), settings.database(), tuning(Duration.ZERO));
	}

}
