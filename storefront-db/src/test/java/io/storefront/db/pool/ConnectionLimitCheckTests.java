package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.Driver;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.testing.DefaultTuning;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitCheckTests {

	/** Ordinary roles may open 7: 10 less the 3 slots kept for superusers. */
	private static TestPostgres postgres;

	@BeforeAll
	static void startServer() {
		postgres = TestPostgres.dedicated(Map.of("max_connections", "10"));
	}

	@AfterAll
	static void stopServer() {
		postgres.close();
	}

	@AfterEach
	void liftTheRoleLimit() throws Exception {
		postgres.runAsAdmin("postgres", "ALTER ROLE auth_svc CONNECTION LIMIT -1");
	}

	@Test
	void aPoolWithinTheServersLimitIsFine() throws Exception {
		try (Connection connection = connectAsTheService()) {
			assertThat(ConnectionLimitCheck.problem(connection, 7)).isEmpty();
		}
	}

	@Test
	void aPoolLargerThanMaxConnectionsLessTheReservedSlotsIsNamed() throws Exception {
		try (Connection connection = connectAsTheService()) {
			assertThat(ConnectionLimitCheck.problem(connection, 8)).hasValue("the pool may open 8 connections, but "
					+ "PostgreSQL lets auth_svc have at most 7 (max_connections 10 less 3 reserved); under load the "
					+ "pool will fail with \"too many clients\": lower DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW, or "
					+ "raise the limit");
		}
	}

	@Test
	void theRolesConnectionLimitCountsWhenItIsLower() throws Exception {
		postgres.runAsAdmin("postgres", "ALTER ROLE auth_svc CONNECTION LIMIT 4");
		try (Connection connection = connectAsTheService()) {
			assertThat(ConnectionLimitCheck.problem(connection, 5))
				.hasValueSatisfying((problem) -> assertThat(problem).contains("may open 5 connections")
					.contains("at most 4 (the role's CONNECTION LIMIT 4)"));
		}
	}

	@Test
	void aPoolTooLargeIsOneWarningAtStartUp(CapturedOutput output) {
		StorefrontSettings settings = settings();
		ConnectionLimitCheck.warnIfTooLarge(settings.service(), settings.database(), DefaultTuning.get(), 8);

		assertThat(output.getOut().lines().filter((line) -> line.contains("the pool may open 8 connections")))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("auth-service - ");
	}

	private static Connection connectAsTheService() throws SQLException {
		StorefrontSettings settings = settings();
		return new Driver().connect(settings.database().jdbcUrl(), ConnectionProperties
			.forDirectConnection(settings.database(), DefaultTuning.get(), settings.service().name()));
	}

	private static StorefrontSettings settings() {
		return StorefrontSettings.read(KnownServices.AUTH,
				Map.of("DATABASE_URL", postgres.databaseUrl(KnownServices.AUTH))::get);
	}

}
