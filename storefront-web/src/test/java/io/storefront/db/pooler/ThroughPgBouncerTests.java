package io.storefront.db.pooler;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample service (as auth-service) through a real PgBouncer in transaction mode that
 * has one server session for the database (contract section 7): every connection of the
 * service, its pool's and its monitor's, takes turns on that session, so anything one of
 * them leaves there (a prepared statement, a setting, a temporary table) meets the next.
 */
class ThroughPgBouncerTests {

	private static TestPgBouncer pgbouncer;

	private static SampleService service;

	@BeforeAll
	static void startServiceThroughPgBouncer() {
		TestPostgres postgres = TestPostgres.shared();
		pgbouncer = TestPgBouncer.inFrontOf(postgres, 1, KnownServices.AUTH);
		service = SampleService.throughPgBouncer(postgres, pgbouncer);
	}

	@AfterAll
	static void stopServiceAndPgBouncer() {
		if (service != null) {
			service.close();
		}
		if (pgbouncer != null) {
			pgbouncer.close();
		}
	}

	@Test
	void healthReadinessAndQueriesStayCorrectWhileEveryConnectionSharesOneServerSession() {
		JdbcClient jdbc = JdbcClient.create(service.bean(DataSource.class));
		for (int round = 0; round < 20; round++) {
			HttpResponse<String> ready = service.http().get("/health/ready");
			assertThat(ready.statusCode()).as("round %d: %s", round, ready.body()).isEqualTo(200);
			HttpResponse<String> detailed = service.http().get("/health/detailed");
			assertThat(HttpProbe.json(detailed).get("overall_status").asString())
				.as("round %d: %s", round, detailed.body())
				.isEqualTo("healthy");
			assertThat(jdbc.sql("SELECT CAST(? AS int) + 1").param(round).query(Integer.class).single())
				.as("round %d", round)
				.isEqualTo(round + 1);
		}
	}

	@Test
	void theDetailedReportNamesThePoolerAndGivesTheServersFigures() {
		HttpResponse<String> response = service.http().get("/health/detailed");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode info = HttpProbe.json(response).get("database_info");
		assertThat(info.get("pooler").asString()).isEqualTo("pgbouncer");
		assertThat(info.get("database_name").asString()).isEqualTo("auth_db");
		assertThat(info.get("database_version").asString()).startsWith("PostgreSQL 17");
		assertThat(info.get("max_connections").asInt()).as("the server's, not PgBouncer's").isEqualTo(200);
		assertThat(info.get("server_connections").asInt()).isPositive();
	}

	@Test
	void nothingTheServiceDoesStaysInTheServerSessionForTheNextClient() throws SQLException {
		for (int i = 0; i < 3; i++) {
			assertThat(service.http().status("/health/detailed")).isEqualTo(200);
			assertThat(service.http().status("/health")).isEqualTo(200);
		}

		try (Connection next = pgbouncer.connect(KnownServices.AUTH); Statement statement = next.createStatement()) {
			assertThat(single(statement, "SHOW statement_timeout")).as("no SET outlives its transaction")
				.isEqualTo("0");
			assertThat(single(statement, "SELECT count(*) FROM pg_prepared_statements"))
				.as("no statement prepared on the server")
				.isEqualTo("0");
			assertThat(single(statement, "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()"))
				.as("no temporary table left")
				.isEqualTo("0");
		}
	}

	@Test
	void migrationsConnectDirectlyToTheServerNotThroughPgBouncer() {
		DataSource migrations = service.bean(Flyway.class).getConfiguration().getDataSource();

		assertThat(migrations).isInstanceOf(SimpleDriverDataSource.class);
		assertThat(((SimpleDriverDataSource) migrations).getUrl())
			.isEqualTo("jdbc:postgresql://localhost:" + TestPostgres.shared().port() + "/auth_db");
		assertThat(service.http().status("/health/ready")).as("migrations applied").isEqualTo(200);
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
	}

}
