package io.storefront.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.cli.StorefrontCli;
import io.storefront.cli.Terminal;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.TestPostgres;

/**
 * Tests of the tool run in-process against an embedded PostgreSQL of their own that
 * checks passwords like a real one (the test kit's shared server trusts every login, so a
 * wrong password would pass unnoticed). The server starts once per test class and is
 * reset before each test.
 */
public abstract class CliTestSupport {

	protected static TestPostgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = TestPostgres.dedicated();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	/**
	 * Drops the databases and roles of every service of {@link KnownServices} (and the
	 * design document's shared {@code poc_user}, and the tests' other databases), and
	 * gives {@code PUBLIC} its {@code CONNECT} on {@code postgres} and {@code template1}
	 * back, as a fresh server has it.
	 */
	@BeforeEach
	void resetPostgres() {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("GRANT CONNECT ON DATABASE postgres, template1 TO PUBLIC");
			List<String> databases = new ArrayList<>(
					KnownServices.ALL.stream().map(ServiceIdentity::databaseName).toList());
			databases.addAll(List.of("reports", "legacy"));
			for (String database : databases) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
			List<String> roles = new ArrayList<>(KnownServices.ALL.stream().map(ServiceIdentity::defaultRole).toList());
			roles.addAll(List.of("poc_user", "weak_admin"));
			for (String role : roles) {
				statement.execute("DROP ROLE IF EXISTS " + role);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not reset the test server", ex);
		}
	}

	public static Run cli(String... args) {
		return cli(Map.of(), args);
	}

	public static Run cli(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new StorefrontCli(new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), environment::get))
			.run(args);
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * The {@code connection} report of one service in what {@code db check --json}
	 * printed, services counted from 0 in the order of {@link KnownServices}.
	 */
	public static JsonNode connectionReport(Run run, int service) {
		return JsonMapper.builder().build().readTree(run.out()).path("services").get(service).path("connection");
	}

	/** What one run of the tool did. */
	public record Run(int status, String out, String err) {

		public String all() {
			return this.out + this.err;
		}

	}

}
