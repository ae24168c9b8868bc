package io.storefront.db.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The detailed probe's write and transaction tests leave nothing behind and need no
 * privilege beyond what provisioning gives the service's role.
 */
class DetailedHealthLeavesNothingBehindTests extends RunningSampleService {

	@Autowired
	private DataSource dataSource;

	@Test
	void repeatedDetailedProbesLeaveNoRelationBehind() throws SQLException {
		long relationsBefore = count("SELECT count(*) FROM pg_class");

		// Results younger than a second are shared: a run is known by its timestamp.
		Set<String> runs = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			JsonNode health = await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(this::detailedHealth, (answer) -> !runs.contains(answer.get("timestamp").asString()));
			runs.add(health.get("timestamp").asString());
			assertThat(health.get("operation_tests").get("write_test").asBoolean()).isTrue();
			assertThat(health.get("operation_tests").get("transaction_test").asBoolean()).isTrue();
		}

		assertThat(count("SELECT count(*) FROM pg_class")).as("relations in auth_db").isEqualTo(relationsBefore);
		assertThat(count("SELECT count(*) FROM pg_class WHERE relname LIKE 'storefront%'")).isZero();
		assertThat(count(
				"SELECT count(*) FROM pg_stat_activity WHERE datname = 'auth_db' AND state LIKE 'idle in transaction%'"))
			.as("no transaction left open")
			.isZero();
	}

	@Test
	void theServiceRunsAsItsLeastPrivilegeRole() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);

		assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("auth_svc");
		assertThat(jdbc.sql(
				"SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void writeAndTransactionTestsPassWithoutRightsOnAnyOtherObject() throws SQLException {
		try (Connection admin = TestPostgres.shared().adminConnection("auth_db");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA IF NOT EXISTS admin_only");
			statement.execute("CREATE TABLE IF NOT EXISTS admin_only.ledger (id integer)");
			statement.execute("REVOKE ALL ON SCHEMA admin_only FROM PUBLIC");
		}
		try {
			JdbcClient jdbc = JdbcClient.create(this.dataSource);
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> jdbc.sql("SELECT count(*) FROM admin_only.ledger").query(Long.class).single())
				.havingRootCause()
				.withMessageContaining("permission denied");
			TestPostgres.shared().provision(KnownServices.PRODUCT);
			assertThat(jdbc.sql("SELECT has_database_privilege('product_db', 'CONNECT')").query(Boolean.class).single())
				.as("no right on another service's database")
				.isFalse();

			JsonNode operations = detailedHealth().get("operation_tests");

			assertThat(operations.get("write_test").asBoolean()).isTrue();
			assertThat(operations.get("transaction_test").asBoolean()).isTrue();
		}
		finally {
			try (Connection admin = TestPostgres.shared().adminConnection("auth_db");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP SCHEMA admin_only CASCADE");
			}
		}
	}

	private static long count(String sql) throws SQLException {
		try (Connection admin = TestPostgres.shared().adminConnection("auth_db");
				Statement statement = admin.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getLong(1);
		}
	}

}
