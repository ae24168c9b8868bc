package io.storefront.cli.check;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.testing.CliTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTests extends CliTestSupport {

	@TempDir
	Path envDir;

	@Test
	void correctSetupPassesWithJsonReport() {
		provision();

		Run run = check("--json");

		assertThat(run.status()).as(run.all()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(run.out());
		assertThat(report.path("ok").asBoolean()).isTrue();
		assertThat(report.path("replicas").asInt()).isEqualTo(1);
		assertThat(report.path("services")).hasSize(3);
		JsonNode auth = report.path("services").get(0);
		assertThat(auth.path("service").asString()).isEqualTo("auth-service");
		assertThat(auth.path("ok").asBoolean()).isTrue();
		assertThat(auth.path("target").asString()).isEqualTo("auth_svc@localhost:" + postgres.port() + "/auth_db");
		JsonNode connection = auth.path("connection");
		assertThat(connection.path("ok").asBoolean()).isTrue();
		assertThat(connection.path("server_version").asString()).startsWith("PostgreSQL 17");
		assertThat(connection.path("database_name").asString()).isEqualTo("auth_db");
		assertThat(connection.path("connect_ms").isNumber()).isTrue();
		assertThat(connection.path("query_ms").isNumber()).isTrue();
		JsonNode isolation = auth.path("isolation");
		assertThat(isolation.path("ok").asBoolean()).isTrue();
		assertThat(isolation.path("attempts")).hasSize(4);
		assertThat(isolation.path("attempts").get(0).path("database").asString()).isEqualTo("product_db");
		assertThat(isolation.path("attempts").get(0).path("outcome").asString()).isEqualTo("refused");
		assertThat(isolation.path("attempts").get(2).path("database").asString()).isEqualTo("postgres");
		assertThat(isolation.path("attempts").get(2).path("outcome").asString()).isEqualTo("public");
		assertThat(isolation.path("warning").asString()).isEqualTo("auth_svc can open postgres, template1: CONNECT is"
				+ " granted to PUBLIC there (db provision --revoke-public-connect revokes it)");
		assertThat(auth.has("http")).isTrue();
		assertThat(auth.path("http").isNull()).isTrue();
		JsonNode budget = report.path("budgets").get(0);
		assertThat(budget.path("ok").asBoolean()).isTrue();
		// Three services, each a pool of at most 10 + 20 overflow and the monitor's two
		// connections: 3 x 32.
		assertThat(budget.path("per_replica").asInt()).isEqualTo(96);
		assertThat(budget.path("needed").asInt()).isEqualTo(96);
		assertThat(budget.path("max_connections").asInt()).isEqualTo(200);
		assertThat(budget.path("usable").asInt()).isEqualTo(200 - budget.path("reserved_connections").asInt());
		assertThat(run.out()).doesNotContain(password("auth.env"));
	}

	@Test
	void correctSetupPassesWithTable() {
		provision();

		Run run = check();

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out()).contains("SERVICE", "CHECK", "RESULT", "DETAIL")
			.containsPattern("auth-service\\s+connection\\s+ok\\s+auth_svc@localhost:\\d+/auth_db: connected in")
			.containsPattern("cart-service\\s+isolation\\s+ok\\s+refused by auth_db, product_db\n")
			.containsPattern("cart-service\\s+isolation\\s+warn\\s+cart_svc can open postgres, template1: CONNECT is"
					+ " granted to PUBLIC")
			.containsPattern("budget\\s+ok\\s+96 connections needed \\(pools 90 \\+ monitors 6, x 1 replica")
			.contains("All checks passed.")
			.doesNotContain("FAIL");
	}

	@Test
	void afterRevokingPublicConnectEveryOtherDatabaseRefusesTheRole() {
		provision("--revoke-public-connect");

		Run run = check();

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out())
			.containsPattern(
					"auth-service\\s+isolation\\s+ok\\s+refused by product_db, cart_db," + " postgres, template1")
			.doesNotContain("warn");
	}

	@Test
	void anotherDatabaseTheRoleWasGrantedIsAViolationOneOpenToPublicAWarning() throws SQLException {
		provision("--revoke-public-connect");
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE reports");
			statement.execute("REVOKE CONNECT ON DATABASE reports FROM PUBLIC");
			statement.execute("GRANT CONNECT ON DATABASE reports TO auth_svc");
			statement.execute("CREATE DATABASE legacy");
		}

		Run table = check();
		Run json = check("--json");

		assertThat(table.status()).isEqualTo(1);
		assertThat(table.out())
			.containsPattern("auth-service\\s+isolation\\s+FAIL\\s+isolation violated: auth_svc can connect to reports")
			.containsPattern(
					"auth-service\\s+isolation\\s+warn\\s+auth_svc can open legacy: CONNECT is granted to PUBLIC"
							+ " there \\(REVOKE CONNECT ON DATABASE legacy FROM PUBLIC\\)\n")
			.containsPattern("product-service\\s+isolation\\s+ok\\s+refused by auth_db, cart_db, postgres, reports,"
					+ " template1");
		JsonNode auth = JsonMapper.builder().build().readTree(json.out()).path("services").get(0);
		assertThat(auth.path("isolation").path("attempts").findValuesAsString("outcome")).containsExactly("refused",
				"refused", "public", "refused", "granted", "refused");
	}

	@Test
	void theFlagIsSuggestedForPostgresAndTemplate1TheStatementForAnyOtherDatabase() throws SQLException {
		provision();
		postgres.runAsAdmin("postgres", "CREATE DATABASE legacy");

		Run run = check("--json");

		JsonNode auth = JsonMapper.builder().build().readTree(run.out()).path("services").get(0);
		assertThat(auth.path("isolation").path("warning").asString()).isEqualTo("auth_svc can open legacy, postgres,"
				+ " template1: CONNECT is granted to PUBLIC there (db provision --revoke-public-connect revokes it on"
				+ " postgres, template1; REVOKE CONNECT ON DATABASE legacy FROM PUBLIC)");
	}

	@Test
	void aServiceRoleThatMayCreateRolesOrDatabasesViolatesIsolationUntilProvisionResetsIt() throws SQLException {
		provision();
		postgres.runAsAdmin("postgres", "ALTER ROLE auth_svc CREATEROLE CREATEDB");
		postgres.runAsAdmin("postgres", "ALTER ROLE cart_svc BYPASSRLS");

		Run run = check();
		provision();
		Run afterProvision = check();

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		assertThat(run.out())
			.containsPattern(
					"auth-service\\s+isolation\\s+FAIL\\s+isolation violated: auth_svc has CREATEROLE, CREATEDB,"
							+ " which reach past its own database \\(./storefront db provision resets them\\)")
			.containsPattern("cart-service\\s+isolation\\s+FAIL\\s+isolation violated: cart_svc has BYPASSRLS,"
					+ " which reaches past its own database \\(./storefront db provision resets it\\)")
			.containsPattern("product-service\\s+isolation\\s+ok");
		assertThat(afterProvision.status()).as(afterProvision.all()).isZero();
	}

	/**
	 * Each attribute alone fails isolation and is named; a SUPERUSER reaches the other
	 * databases too, which the same line says first.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "SUPERUSER", "CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS" })
	void eachAttributeThatReachesPastTheRolesOwnDatabaseViolatesIsolation(String attribute) throws SQLException {
		provision();
		postgres.runAsAdmin("postgres", "ALTER ROLE product_svc " + attribute);

		Run run = check();
		provision();
		Run afterProvision = check();

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		assertThat(run.out())
			.containsPattern("product-service\\s+isolation\\s+FAIL\\s+isolation violated: (.*; )?product_svc has "
					+ attribute + ", which reaches past its own database \\(./storefront db provision resets it\\)")
			.containsPattern("auth-service\\s+isolation\\s+ok")
			.containsPattern("cart-service\\s+isolation\\s+ok");
		assertThat(afterProvision.status()).as(afterProvision.all()).isZero();
	}

	/**
	 * Only a refused login proves isolation: a database that turns every login away for
	 * another reason (it takes no connections at all) leaves it untested, which fails.
	 */
	@Test
	void aDatabaseThatTakesNoConnectionsLeavesIsolationUntestedWhichFails() throws SQLException {
		provision("--revoke-public-connect");
		postgres.runAsAdmin("postgres", "ALTER DATABASE product_db ALLOW_CONNECTIONS false");
		try {
			Run table = check();
			Run json = check("--json");

			assertThat(table.status()).as(table.all()).isEqualTo(1);
			assertThat(table.out())
				.containsPattern("auth-service\\s+isolation\\s+FAIL\\s+could not test product_db: .*not currently"
						+ " accepting connections")
				.containsPattern("cart-service\\s+isolation\\s+FAIL\\s+could not test product_db: ");
			JsonNode auth = JsonMapper.builder().build().readTree(json.out()).path("services").get(0);
			assertThat(auth.path("isolation").path("ok").asBoolean()).isFalse();
			assertThat(auth.path("isolation").path("attempts").get(0).path("database").asString())
				.isEqualTo("product_db");
			assertThat(auth.path("isolation").path("attempts").get(0).path("outcome").asString()).isEqualTo("error");
		}
		finally {
			postgres.runAsAdmin("postgres", "ALTER DATABASE product_db ALLOW_CONNECTIONS true");
		}
	}

	@Test
	void oneSharedRoleForAllDatabasesViolatesIsolation() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE poc_user LOGIN PASSWORD 'admin123'");
			for (String database : new String[] { "auth_db", "product_db", "cart_db" }) {
				statement.execute("CREATE DATABASE " + database + " OWNER poc_user");
			}
		}
		writeEnv("auth.env",
				"DATABASE_URL=postgresql+asyncpg://poc_user:admin123@localhost:" + postgres.port() + "/auth_db");
		writeEnv("product.env",
				"DATABASE_URL=postgresql://poc_user:admin123@localhost:" + postgres.port() + "/product_db");
		writeEnv("cart.env", "DATABASE_HOST=localhost\nDATABASE_PORT=" + postgres.port()
				+ "\nDATABASE_NAME=cart_db\nDATABASE_USER=poc_user\nDATABASE_PASSWORD=admin123");

		Run table = check();
		Run json = check("--json");

		assertThat(table.status()).isEqualTo(1);
		assertThat(table.out()).containsPattern(
				"auth-service\\s+isolation\\s+FAIL\\s+isolation violated: poc_user can connect to product_db, cart_db")
			.containsPattern(
					"cart-service\\s+isolation\\s+FAIL\\s+isolation violated: poc_user can connect to auth_db, product_db")
			.contains("3 checks failed.")
			.doesNotContain("admin123");
		assertThat(json.status()).isEqualTo(1);
		JsonNode report = JsonMapper.builder().build().readTree(json.out());
		assertThat(report.path("ok").asBoolean()).isFalse();
		JsonNode product = report.path("services").get(1);
		assertThat(product.path("connection").path("ok").asBoolean()).isTrue();
		assertThat(product.path("isolation").path("error").asString())
			.isEqualTo("isolation violated: poc_user can connect to auth_db, cart_db");
		assertThat(product.path("isolation").path("attempts").get(0).path("outcome").asString()).isEqualTo("connected");
	}

	@Test
	void wrongPasswordFailsThatServiceWithTheServersReason() {
		provision();
		String url = EnvFile.read(this.envDir.resolve("cart.env")).get("DATABASE_URL");
		writeEnv("cart.env", "DATABASE_URL=" + url.replaceFirst(":[A-Za-z0-9]+@", ":not-the-password@"));

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).containsPattern(
				"cart-service\\s+connection\\s+FAIL\\s+cart_svc@localhost:\\d+/cart_db: password authentication failed for user \"cart_svc\"")
			.containsPattern("auth-service\\s+connection\\s+ok")
			.doesNotContain("not-the-password");
	}

	@Test
	void aFolderOfKubernetesSecretsIsNamedAsSuchNotSentToProvisionEnvFilesThere() throws Exception {
		Files.writeString(this.envDir.resolve("auth-database.yaml"), "kind: Secret\n");

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out())
			.contains("auth.env not found in " + this.envDir + ", which holds auth-database.yaml, a Kubernetes Secret"
					+ " of db provision --format kubernetes: db check reads env files only (docs/kubernetes.md)")
			.containsPattern("product-service\\s+connection\\s+FAIL\\s+product.env not found in .*db provision");
	}

	@Test
	void missingDatabaseAndMissingEnvFileSayWhy() throws Exception {
		provision();
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE product_db WITH (FORCE)");
		}
		Files.delete(this.envDir.resolve("auth.env"));

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).containsPattern("auth-service\\s+connection\\s+FAIL\\s+auth.env not found in")
			.containsPattern("product-service\\s+connection\\s+FAIL\\s+.*database \"product_db\" does not exist")
			.containsPattern("budget\\s+ok\\s+.*; without auth-service \\(settings not read\\)");
	}

	@Test
	void serverDownSaysConnectionRefused() {
		writeEnv("auth.env", "DATABASE_URL=postgresql://auth_svc:x@127.0.0.1:1/auth_db");

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).containsPattern(
				"auth-service\\s+connection\\s+FAIL\\s+.*cannot connect: connection to 127.0.0.1:1 refused");
	}

	@Test
	void budgetForMoreReplicasThanTheServerAllowsFails() {
		provision();

		Run run = check("--replicas", "3");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).containsPattern("budget\\s+FAIL\\s+over budget: 288 connections needed")
			.containsPattern("auth-service\\s+isolation\\s+ok");
	}

	/**
	 * The pools may take every connection the server lets ordinary roles open, and not
	 * one more.
	 */
	@Test
	void aBudgetThatNeedsExactlyWhatIsUsablePassesAndOneMoreFails() throws Exception {
		provision();
		int usable = JsonMapper.builder()
			.build()
			.readTree(check("--json").out())
			.path("budgets")
			.get(0)
			.path("usable")
			.asInt();
		assertThat(usable).isEqualTo(200 - 3);
		String auth = Files.readString(this.envDir.resolve("auth.env"));
		// product and cart keep 10 + 20 and their monitors' 2 each: 64; auth's monitors 2
		int authPool = usable - 64 - 2;

		writeEnv("auth.env", auth + "DATABASE_POOL_SIZE=10\nDATABASE_MAX_OVERFLOW=" + (authPool - 10));
		Run exactly = check("--json");
		writeEnv("auth.env", auth + "DATABASE_POOL_SIZE=10\nDATABASE_MAX_OVERFLOW=" + (authPool - 10 + 1));
		Run oneMore = check();

		assertThat(exactly.status()).as(exactly.all()).isZero();
		JsonNode budget = JsonMapper.builder().build().readTree(exactly.out()).path("budgets").get(0);
		assertThat(budget.path("needed").asInt()).isEqualTo(usable);
		assertThat(budget.path("ok").asBoolean()).isTrue();
		assertThat(oneMore.status()).as(oneMore.all()).isEqualTo(1);
		assertThat(oneMore.out()).containsPattern(
				"budget\\s+FAIL\\s+over budget: " + (usable + 1) + " connections needed .*, " + usable + " usable");
	}

	@Test
	void poolVariablesCountInTheBudget() {
		provision();
		appendEnv("auth.env", "DATABASE_POOL_SIZE=5\nDATABASE_MAX_OVERFLOW=5");

		Run run = check("--json");

		JsonNode budget = JsonMapper.builder().build().readTree(run.out()).path("budgets").get(0);
		assertThat(budget.path("per_replica").asInt()).isEqualTo(12 + 32 + 32);
	}

	@Test
	void httpChecksCallHealthEndpointsWithTheDetailsToken() throws Exception {
		provision();
		HttpServer healthy = fakeService("auth-service", "auth_db", 200, "healthy", "s3cret");
		HttpServer failing = fakeService("product-service", "product_db", 503, "unhealthy", null);
		try {
			appendEnv("auth.env", "PORT=" + healthy.getAddress().getPort() + "\nHEALTH_DETAILS_TOKEN=s3cret");
			appendEnv("product.env", "PORT=" + failing.getAddress().getPort());
			appendEnv("cart.env", "PORT=1");

			Run run = check("--http");

			assertThat(run.status()).isEqualTo(1);
			assertThat(run.out()).containsPattern("auth-service\\s+/health\\s+ok\\s+200 healthy")
				.containsPattern("auth-service\\s+/health/detailed\\s+ok\\s+200 healthy")
				.containsPattern(
						"product-service\\s+/health\\s+FAIL\\s+HTTP 503 unhealthy: database disconnected \\(Connection refused\\)")
				.containsPattern(
						"cart-service\\s+/health\\s+FAIL\\s+connection refused \\(is the service running\\?\\)")
				.doesNotContain("s3cret");
		}
		finally {
			healthy.stop(0);
			failing.stop(0);
		}
	}

	/**
	 * {@code degraded} is answered with 200, as the contract has it, and still counts as
	 * a failure, with the reasons the answer gives.
	 */
	@Test
	void aDetailedAnswerOfDegradedFailsWithItsReasons() throws Exception {
		provision();
		HttpServer degraded = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		respond(degraded, "/health", 200, healthyHealth("auth-service", "auth_db"), null);
		respond(degraded, "/health/detailed", 200, """
				{"timestamp":1765051200.25,"service":"auth-service","database_name":"auth_db",
				 "overall_status":"degraded",
				 "pool_status":{"pool_size":10,"checked_in_connections":9,"checked_out_connections":1,
				  "overflow_connections":0,"total_connections":10,"max_overflow":20,"maximum_pool_size":30,
				  "threads_awaiting_connection":0,"connection_timeouts":0},
				 "operation_tests":{"connection_test":true,"read_test":true,"write_test":false,
				  "transaction_test":true},
				 "database_info":{"database_version":"PostgreSQL 17.6","database_name":"auth_db",
				  "active_connections":4,"service_connections":3,"server_connections":12,"max_connections":200,
				  "reserved_connections":3,"pooler":null},
				 "errors":{"write_test":"permission denied for schema pg_temp_3"}}""", null);
		degraded.start();
		try {
			appendEnv("auth.env", "PORT=" + degraded.getAddress().getPort());
			appendEnv("product.env", "PORT=1");
			appendEnv("cart.env", "PORT=1");

			Run run = check("--http");
			Run json = check("--http", "--json");

			assertThat(run.status()).isEqualTo(1);
			assertThat(run.out()).containsPattern("auth-service\\s+/health\\s+ok\\s+200 healthy")
				.containsPattern("auth-service\\s+/health/detailed\\s+FAIL\\s+HTTP 200 degraded \\(write_test failed;"
						+ " write_test: permission denied for schema pg_temp_3\\)");
			JsonNode http = JsonMapper.builder().build().readTree(json.out()).path("services").get(0).path("http");
			assertThat(http.path("ok").asBoolean()).isFalse();
		}
		finally {
			degraded.stop(0);
		}
	}

	/**
	 * Something else on the service's port answering 200 (another framework's health, a
	 * web page) is not a healthy Storefront service.
	 */
	@Test
	void aHealthAnswerOf200ThatIsNotStorefrontsFailsSayingSo() throws Exception {
		provision();
		HttpServer actuator = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		respond(actuator, "/health", 200, "{\"status\":\"UP\"}", null);
		respond(actuator, "/health/detailed", 200, healthyDetailed("auth-service", "auth_db"), null);
		actuator.start();
		HttpServer webPage = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		respond(webPage, "/health", 200, "<html><body>It works!</body></html>", null);
		respond(webPage, "/health/detailed", 200, healthyDetailed("product-service", "product_db"), null);
		webPage.start();
		try {
			appendEnv("auth.env", "PORT=" + actuator.getAddress().getPort());
			appendEnv("product.env", "PORT=" + webPage.getAddress().getPort());
			appendEnv("cart.env", "PORT=1");

			Run run = check("--http");

			assertThat(run.status()).isEqualTo(1);
			String notStorefronts = "HTTP 200 but not a Storefront health answer \\(JSON with a status of healthy, "
					+ "degraded or unhealthy\\): is another program on port ";
			assertThat(run.out())
				.containsPattern("auth-service\\s+/health\\s+FAIL\\s+" + notStorefronts
						+ actuator.getAddress().getPort() + "\\? \\(http://localhost:\\d+/health\\)")
				.containsPattern("auth-service\\s+/health/detailed\\s+ok\\s+200 healthy")
				.containsPattern("product-service\\s+/health\\s+FAIL\\s+" + notStorefronts
						+ webPage.getAddress().getPort() + "\\? \\(http://localhost:\\d+/health\\)")
				.containsPattern("product-service\\s+/health/detailed\\s+ok\\s+200 healthy");
		}
		finally {
			actuator.stop(0);
			webPage.stop(0);
		}
	}

	private static String healthyHealth(String service, String database) {
		return "{\"status\":\"healthy\",\"service\":\"" + service + "\",\"version\":\"1.0.0\",\"database\":"
				+ "{\"status\":\"connected\",\"database_name\":\"" + database + "\"}}";
	}

	private static String healthyDetailed(String service, String database) {
		return "{\"timestamp\":1.5,\"service\":\"" + service + "\",\"database_name\":\"" + database
				+ "\",\"overall_status\":\"healthy\",\"pool_status\":{},\"operation_tests\":{\"connection_test\":true},"
				+ "\"database_info\":{}}";
	}

	@Test
	void theDetailsTokenMayComeFromTheEnvironmentAsUpPassesItToTheServices() throws Exception {
		provision();
		HttpServer guarded = fakeService("auth-service", "auth_db", 200, "healthy", "s3cret");
		try {
			appendEnv("auth.env", "PORT=" + guarded.getAddress().getPort());
			String[] args = { "db", "check", "--env-dir", this.envDir.toString(), "--http" };

			Run exported = cli(Map.of("HEALTH_DETAILS_TOKEN", "s3cret"), args);
			Run wrong = cli(Map.of("HEALTH_DETAILS_TOKEN", "not-it"), args);
			Run none = cli(args);

			assertThat(exported.out()).containsPattern("auth-service\\s+/health/detailed\\s+ok\\s+200 healthy")
				.doesNotContain("s3cret");
			assertThat(wrong.out())
				.contains("HTTP 401: HEALTH_DETAILS_TOKEN of the environment is not the service's " + "token");
			assertThat(none.out())
				.contains("HTTP 401: the service wants a token; put HEALTH_DETAILS_TOKEN in auth.env or export it");
		}
		finally {
			guarded.stop(0);
		}
	}

	@Test
	void nothingAnsweringIsExitStatusThreeAndProgressGoesToStderr() {
		for (String name : new String[] { "auth", "product", "cart" }) {
			writeEnv(name + ".env", "DATABASE_URL=postgresql://" + name + "_svc:x@127.0.0.1:1/" + name + "_db");
		}

		Run run = check("--json");

		assertThat(run.status()).as(run.all()).isEqualTo(3);
		assertThat(run.err()).contains("db check: auth-service at 127.0.0.1:1...",
				"db check: cart-service at 127.0.0.1:1...", "db check: the connection budget for 1 replica...");
		assertThat(JsonMapper.builder()
			.build()
			.readTree(run.out())
			.path("services")
			.get(0)
			.path("connection")
			.path("unreachable")
			.asBoolean()).isTrue();
	}

	@Test
	void anAnswerThatSaysNoIsExitStatusOneEvenWhenSomethingElseDidNotAnswer() {
		provision();
		String url = EnvFile.read(this.envDir.resolve("cart.env")).get("DATABASE_URL");
		writeEnv("cart.env", "DATABASE_URL=" + url.replaceFirst(":[A-Za-z0-9]+@", ":not-the-password@"));
		writeEnv("product.env", "DATABASE_URL=postgresql://product_svc:x@127.0.0.1:1/product_db");

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
	}

	@Test
	void aLoginWithoutThePasswordTheServerAsksForIsExitStatusOneNotCouldNotConnect() {
		provision();
		String url = EnvFile.read(this.envDir.resolve("cart.env")).get("DATABASE_URL");
		writeEnv("cart.env", "DATABASE_URL=" + url.replaceFirst(":[A-Za-z0-9]+@", "@"));

		Run run = check("--json");

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		JsonNode connection = connectionReport(run, 2);
		assertThat(connection.path("unreachable").asBoolean()).isFalse();
		assertThat(connection.path("error").asString()).contains("no password was provided")
			.doesNotContain("cannot connect");
	}

	@Test
	void aBudgetOverTheServersLimitIsExitStatusOneEvenWhenAServiceDidNotAnswer() {
		provision();
		writeEnv("product.env", "DATABASE_URL=postgresql://product_svc:x@127.0.0.1:1/product_db");

		Run run = check("--replicas", "9");

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		assertThat(run.out()).containsPattern("budget\\s+FAIL\\s+over budget: \\d+ connections needed")
			.containsPattern("product-service\\s+connection\\s+FAIL");
	}

	@Test
	void unknownOptionIsAUsageError() {
		Run run = check("--jsn");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("unknown option: --jsn", "usage: storefront db check");
	}

	private HttpServer fakeService(String service, String database, int status, String result, String token)
			throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		String databaseJson = "healthy".equals(result)
				? "{\"status\":\"connected\",\"database_name\":\"" + database + "\"}"
				: "{\"status\":\"disconnected\",\"database_name\":\"" + database
						+ "\",\"error\":\"Connection refused\"}";
		respond(server, "/health", status, "{\"status\":\"" + result + "\",\"service\":\"" + service
				+ "\",\"version\":\"1.0.0\",\"database\":" + databaseJson + "}", null);
		respond(server, "/health/detailed", status,
				"{\"timestamp\":1.5,\"service\":\"" + service + "\",\"database_name\":\"" + database
						+ "\",\"overall_status\":\"" + result
						+ "\",\"pool_status\":{},\"operation_tests\":{\"connection_test\":" + "healthy".equals(result)
						+ "},\"database_info\":{}}",
				token);
		server.start();
		return server;
	}

	private static void respond(HttpServer server, String path, int status, String body, String token) {
		server.createContext(path, (exchange) -> {
			boolean authorized = token == null
					|| ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] bytes = (authorized ? body : "{}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(authorized ? status : 401, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
	}

	private void provision(String... extra) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("db", "provision", "--admin-url",
				postgres.adminUrl(), "--out", this.envDir.toString()));
		args.addAll(java.util.List.of(extra));
		Run run = cli(args.toArray(String[]::new));
		assertThat(run.status()).as(run.all()).isZero();
	}

	private Run check(String... extra) {
		String[] args = new String[4 + extra.length];
		args[0] = "db";
		args[1] = "check";
		args[2] = "--env-dir";
		args[3] = this.envDir.toString();
		System.arraycopy(extra, 0, args, 4, extra.length);
		return cli(args);
	}

	private String password(String file) {
		String url = EnvFile.read(this.envDir.resolve(file)).get("DATABASE_URL");
		return url.replaceFirst("^.*:([A-Za-z0-9]+)@.*$", "$1");
	}

	private void writeEnv(String file, String content) {
		EnvFile.write(this.envDir.resolve(file), Map.of(), java.util.List.of());
		try {
			Files.writeString(this.envDir.resolve(file), content + "\n");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void appendEnv(String file, String content) {
		try {
			Files.writeString(this.envDir.resolve(file), content + "\n", java.nio.file.StandardOpenOption.APPEND);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
