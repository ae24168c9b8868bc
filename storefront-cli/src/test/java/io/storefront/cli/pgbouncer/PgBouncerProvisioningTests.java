package io.storefront.cli.pgbouncer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.ServiceWords;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.testing.CliTestSupport;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.pgbouncer.PgBouncerConsole;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.PgBouncerProcess;
import io.storefront.db.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code db provision --pgbouncer DIR}: the files it writes run a real PgBouncer the
 * services' roles log in through.
 */
class PgBouncerProvisioningTests extends CliTestSupport {

	@TempDir
	Path envDir;

	private Path pgbouncerDir;

	private int port;

	@BeforeEach
	void newPgBouncerFolderAndPort() {
		this.pgbouncerDir = PgBouncerProcess.privateFolder();
		this.port = FreePorts.any();
	}

	@AfterEach
	void removePgBouncerFiles() {
		PgBouncerProcess.delete(this.pgbouncerDir);
	}

	@Test
	void writesPrivateFilesWithVerifiersNeverPasswords() throws Exception {
		Run run = provision();

		assertThat(run.status()).as(run.all()).isZero();
		for (String name : List.of("pgbouncer.ini", "userlist.txt", "pgbouncer-admin.pgpass")) {
			assertThat(Files.getPosixFilePermissions(this.pgbouncerDir.resolve(name))).as(name)
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		String authFile = Files.readString(this.pgbouncerDir.resolve("userlist.txt"), StandardCharsets.UTF_8);
		assertThat(authFile.lines()).hasSize(4)
			.allMatch((line) -> line.matches("\"\\w+\" \"SCRAM-SHA-256\\$4096:[^\"]+\""));
		assertThat(authFile).contains("\"auth_svc\"", "\"product_svc\"", "\"cart_svc\"", "\"pgbouncer_admin\"");
		String everything = authFile
				+ Files.readString(this.pgbouncerDir.resolve("pgbouncer.ini"), StandardCharsets.UTF_8) + run.all();
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThat(everything).doesNotContain(settings(service).password());
		}
		assertThat(everything).doesNotContain(adminPassword());
	}

	@Test
	void iniIsTransactionPoolingOnLoopbackSizedFromThePoolsAndTheServer() throws Exception {
		provision();

		String ini = Files.readString(this.pgbouncerDir.resolve("pgbouncer.ini"), StandardCharsets.UTF_8);

		assertThat(ini).contains("pool_mode = transaction", "listen_addr = 127.0.0.1", "listen_port = " + this.port,
				"unix_socket_dir =\n", "auth_type = scram-sha-256", "ignore_startup_parameters = extra_float_digits",
				"admin_users = pgbouncer_admin", "stats_users = auth_svc, product_svc, cart_svc",
				"auth_db = host=localhost port=" + postgres.port() + " dbname=auth_db",
				"cart_db = host=localhost port=" + postgres.port() + " dbname=cart_db",
				"auth_file = " + this.pgbouncerDir.resolve("userlist.txt"));
		// The test server: max_connections 200, 3 reserved, 197 usable. One replica of
		// each service: clients
		// 3 x (10 + 20 + 2) = 96 (+10 for operators); a database gets one replica's whole
		// pool and its monitor's two, 32 < (197 - 3) / 3.
		assertThat(ini).contains("max_client_conn = 106", "default_pool_size = 32", "max_db_connections = 32",
				"query_wait_timeout = 10\n", "server_login_retry = 1\n");
	}

	@Test
	void replicasRaiseTheClientsAndShareTheServerBetweenTheDatabases() throws Exception {
		Run run = provision("--replicas", "3");

		assertThat(run.status()).as(run.all()).isZero();
		String ini = Files.readString(this.pgbouncerDir.resolve("pgbouncer.ini"), StandardCharsets.UTF_8);
		// 3 x 96 = 288 clients; the server: (197 - 9 migrations) / 3 = 62 per database,
		// less than 3 x 30.
		assertThat(ini).contains("max_client_conn = 298", "default_pool_size = 62", "max_db_connections = 62");
		assertThat(run.out()).contains("server connections 62 x 3 + 9 migrations = 195 of 197 usable");
	}

	/**
	 * A rotation as docs/operations.md gives it, without {@code --pgbouncer-port} or
	 * {@code --replicas}, keeps what the folder's PgBouncer was written for: the port it
	 * still listens on after a reload, and the limits its replicas need. Either option
	 * changes them.
	 */
	@Test
	void aReRunWithoutPortOrReplicasKeepsThoseTheFolderWasWrittenFor() throws Exception {
		assertThat(provision("--replicas", "3").status()).isZero();

		Run rotation = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
				"--pgbouncer", this.pgbouncerDir.toString(), "--rotate");

		assertThat(rotation.status()).as(rotation.all()).isZero();
		assertThat(Files.readString(this.pgbouncerDir.resolve("pgbouncer.ini"), StandardCharsets.UTF_8))
			.contains("listen_port = " + this.port + "\n", "max_client_conn = 298\n");
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThat(settings(service).port()).as(service.name()).isEqualTo(this.port);
		}
		int otherPort = FreePorts.any();
		Run moved = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
				"--pgbouncer", this.pgbouncerDir.toString(), "--pgbouncer-port", Integer.toString(otherPort),
				"--replicas", "1");
		assertThat(moved.status()).as(moved.all()).isZero();
		assertThat(Files.readString(this.pgbouncerDir.resolve("pgbouncer.ini"), StandardCharsets.UTF_8))
			.contains("listen_port = " + otherPort + "\n", "max_client_conn = 106\n");
		assertThat(settings(KnownServices.CART).port()).isEqualTo(otherPort);
	}

	@Test
	void aBudgetThatCannotHoldFailsWithTheNumbersBeforeChangingAnything() throws Exception {
		Run plain = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString());
		assertThat(plain.status()).as(plain.all()).isZero();
		Path authEnv = this.envDir.resolve("auth.env");
		String before = Files.readString(authEnv, StandardCharsets.UTF_8);
		Files.delete(this.pgbouncerDir);

		Run run = provision("--replicas", "70", "--rotate");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("storefront db provision: PostgreSQL has 197 usable connections"
				+ " (max_connections less reserved); 70 replica(s) of 3 services need 210 for migrations plus at least 1"
				+ " per database for PgBouncer: raise max_connections or lower --replicas");
		assertThat(Files.readString(authEnv, StandardCharsets.UTF_8)).as("the env file still goes to the server")
			.isEqualTo(before);
		assertThat(this.pgbouncerDir).as("not even PgBouncer's folder is made").doesNotExist();
		DatabaseSettings auth = settings(KnownServices.AUTH);
		try (Connection connection = connect(auth, auth.password(), auth.database())) {
			assertThat(connection.isValid(2)).as("the password was not rotated").isTrue();
		}
	}

	@Test
	void envFilesGoThroughPgBouncerAndMigrateStraightToTheServer() {
		provision();

		for (ServiceIdentity service : KnownServices.ALL) {
			StorefrontSettings settings = StorefrontSettings.read(service,
					EnvFile.read(this.envDir.resolve(service.name().replace("-service", "") + ".env"))::get);
			assertThat(settings.database().pooler()).isEqualTo(DatabasePooler.PGBOUNCER);
			assertThat(settings.database().port()).isEqualTo(this.port);
			assertThat(settings.migration().port()).isEqualTo(postgres.port());
			assertThat(settings.migration().user()).isEqualTo(service.defaultRole());
			assertThat(settings.migration().password()).isEqualTo(settings.database().password());
		}
		assertThat(EnvFile.read(this.envDir.resolve("cart.env")).get("DATABASE_MIGRATION_URL"))
			.isEqualTo("postgresql://localhost:" + postgres.port() + "/cart_db");
	}

	@Test
	void theServicesRolesLogInThroughARealPgBouncerAndReachPostgres() throws Exception {
		provision();

		try (PgBouncerProcess pgbouncer = PgBouncerProcess.start(this.pgbouncerDir.resolve("pgbouncer.ini"),
				this.port)) {
			for (ServiceIdentity service : KnownServices.ALL) {
				DatabaseSettings settings = settings(service);
				try (Connection connection = connect(settings, settings.password(), settings.database());
						Statement statement = connection.createStatement();
						ResultSet row = statement.executeQuery(
								"SELECT current_database(), current_user, inet_server_port(), current_setting('port')")) {
					row.next();
					assertThat(row.getString(1)).isEqualTo(service.databaseName());
					assertThat(row.getString(2)).isEqualTo(service.defaultRole());
					assertThat(row.getInt(4)).as("answered by PostgreSQL itself").isEqualTo(postgres.port());
				}
				assertThatThrownBy(() -> connect(settings, "not-the-password", settings.database()).close())
					.hasMessageContaining("SASL authentication failed");
			}
		}
	}

	@Test
	void theAdminRunsConsoleCommandsTheServiceRolesOnlyReadThem() throws Exception {
		provision();
		DatabaseSettings auth = settings(KnownServices.AUTH);

		try (PgBouncerProcess pgbouncer = PgBouncerProcess.start(this.pgbouncerDir.resolve("pgbouncer.ini"),
				this.port)) {
			PgBouncerConsole admin = new PgBouncerConsole("127.0.0.1", this.port, "pgbouncer_admin", adminPassword());
			PgBouncerConsole service = new PgBouncerConsole("127.0.0.1", this.port, auth.user(), auth.password());

			assertThat(admin.run("RELOAD")).isEmpty();
			assertThat(service.run("SHOW CONFIG"))
				.anyMatch((row) -> "pool_mode".equals(row.get("key")) && "transaction".equals(row.get("value")));
			assertThatThrownBy(() -> service.run("RELOAD")).isInstanceOf(PgBouncerConsole.ConsoleRefusedException.class)
				.hasMessageContaining("admin access needed");
			assertThatThrownBy(() -> new PgBouncerConsole("127.0.0.1", this.port, "pgbouncer_admin", "not-the-password")
				.run("SHOW HELP")).isInstanceOf(PgBouncerConsole.ConsoleRefusedException.class)
				.hasMessageContaining("refused pgbouncer_admin's console login");
		}
	}

	@Test
	void aReRunKeepsTheAdminPasswordAndRotateReplacesItAndTheVerifiers() throws Exception {
		provision();
		String admin = adminPassword();
		String oldCartPassword = settings(KnownServices.CART).password();

		provision();
		assertThat(adminPassword()).isEqualTo(admin);

		provision("--rotate");
		assertThat(adminPassword()).isNotEqualTo(admin);
		try (PgBouncerProcess pgbouncer = PgBouncerProcess.start(this.pgbouncerDir.resolve("pgbouncer.ini"),
				this.port)) {
			DatabaseSettings cart = settings(KnownServices.CART);
			assertThat(cart.password()).isNotEqualTo(oldCartPassword);
			try (Connection connection = connect(cart, cart.password(), cart.database())) {
				assertThat(connection.isValid(2)).isTrue();
			}
			assertThatThrownBy(() -> connect(cart, oldCartPassword, cart.database()).close())
				.hasMessageContaining("SASL authentication failed");
		}
	}

	/**
	 * A re-run keeps the passwords and leaves the server's verifiers as they were: a
	 * PgBouncer already running from the earlier files (which it does not read again)
	 * still logs in to the server with them.
	 */
	@Test
	void aReRunLeavesAPgBouncerRunningFromTheEarlierFilesLoggingIn() throws Exception {
		provision();
		try (PgBouncerProcess pgbouncer = PgBouncerProcess.start(this.pgbouncerDir.resolve("pgbouncer.ini"),
				this.port)) {
			Run again = provision();

			assertThat(again.status()).as(again.all()).isZero();
			for (ServiceIdentity service : KnownServices.ALL) {
				DatabaseSettings settings = settings(service);
				try (Connection connection = connect(settings, settings.password(), settings.database())) {
					assertThat(connection.isValid(2)).as(service.name()).isTrue();
				}
			}
		}
	}

	@Test
	void aRunWithoutPgBouncerAfterOneWithItSaysTheEnvFilesStillNameIt() {
		provision();

		Run plain = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString());

		assertThat(plain.status()).as(plain.all()).isZero();
		assertThat(plain.err())
			.contains("WARNING: auth.env, product.env, cart.env still say DATABASE_POOLER=pgbouncer");
		assertThat(plain.out()).as("the report alone").doesNotContain("WARNING");
		Run withPgBouncer = provision();
		assertThat(withPgBouncer.out()).doesNotContain("WARNING");
		assertThat(withPgBouncer.err()).doesNotContain("WARNING");
	}

	/**
	 * PgBouncer does not notice that a client waiting for a server connection has gone:
	 * while the server does not answer, clients that gave up would keep their slots for
	 * the default {@code query_wait_timeout} of 120 s and fill {@code max_client_conn}.
	 */
	@Test
	void aClientThatGaveUpWaitingForAStuckServerIsDroppedWithinTheQueryWaitTimeout() throws Exception {
		provision();
		Path ini = this.pgbouncerDir.resolve("pgbouncer.ini");
		try (TcpProxy stuckServer = new TcpProxy("127.0.0.1", postgres.port())) {
			// One server connection for cart_db, reached through a proxy that can stop
			// answering.
			Files.writeString(ini, Files.readString(ini, StandardCharsets.UTF_8)
				.replaceAll("cart_db = host=\\S+ port=\\d+", "cart_db = host=127.0.0.1 port=" + stuckServer.port())
				.replaceAll("(?m)^(default_pool_size|max_db_connections) = \\d+$", "$1 = 1"), StandardCharsets.UTF_8);
			try (PgBouncerProcess pgbouncer = PgBouncerProcess.start(ini, this.port)) {
				DatabaseSettings cart = settings(KnownServices.CART);
				PgBouncerConsole admin = new PgBouncerConsole("127.0.0.1", this.port, "pgbouncer_admin",
						adminPassword());
				try (Connection holder = connect(cart, cart.password(), cart.database());
						Connection waiter = connect(cart, cart.password(), cart.database())) {
					assertThat(holder.isValid(2) && waiter.isValid(2)).isTrue();
					stuckServer.partition();
					Thread.ofVirtual().start(() -> query(holder, "SELECT 1"));
					await().atMost(Duration.ofSeconds(5))
						.until(() -> cartClients(admin, (client) -> !client.get("link").isEmpty()) == 1);

					waiter.setNetworkTimeout(Runnable::run, 1000);
					assertThatThrownBy(() -> query(waiter, "SELECT 1"))
						.hasRootCauseInstanceOf(SocketTimeoutException.class);
					waiter.close();

					assertThat(cartClients(admin, (client) -> "waiting".equals(client.get("state"))))
						.as("still queued after the client left")
						.isEqualTo(1);
					await().atMost(Duration.ofSeconds(15))
						.untilAsserted(
								() -> assertThat(cartClients(admin, (client) -> "waiting".equals(client.get("state"))))
									.isZero());
				}
				finally {
					stuckServer.heal();
				}
			}
		}
	}

	@Test
	void aPgBouncerFolderThatCannotBeWrittenLeavesTheEnvFilesAsTheyWere() throws Exception {
		Run plain = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString());
		assertThat(plain.status()).as(plain.all()).isZero();
		Path authEnv = this.envDir.resolve("auth.env");
		String before = Files.readString(authEnv, StandardCharsets.UTF_8);
		Path regularFile = this.envDir.resolve("afile");
		Files.writeString(regularFile, "");

		Run run = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
				"--pgbouncer", regularFile.toString(), "--rotate");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("storefront db provision: cannot write "
				+ regularFile.resolve("pgbouncer.ini") + ": " + regularFile + " is a file, not a folder");
		assertThat(Files.readString(authEnv, StandardCharsets.UTF_8)).isEqualTo(before);
		DatabaseSettings auth = settings(KnownServices.AUTH);
		try (Connection connection = connect(auth, auth.password(), auth.database())) {
			assertThat(connection.isValid(2)).as("the password the env file holds still works").isTrue();
		}
	}

	@Test
	void rewrittenFilesComeWithHowToReloadARunningPgBouncer() {
		Run first = provision();
		Run again = provision();
		Run rotated = provision("--rotate");

		assertThat(first.out()).doesNotContain("already running");
		assertThat(again.out())
			.contains("a PgBouncer already running from these files reads them on RELOAD: PGPASSFILE="
					+ this.pgbouncerDir.resolve("pgbouncer-admin.pgpass") + " psql -h 127.0.0.1 -p " + this.port
					+ " -U pgbouncer_admin pgbouncer -c RELOAD");
		assertThat(rotated.out())
			.contains("a PgBouncer already running from these files still takes the old"
					+ " passwords: reload it with kill -HUP <its PID>")
			.contains("then restart " + ServiceWords.KNOWN.names(" and ") + " with their new env files at once")
			.doesNotContain("Services running with the old passwords");
	}

	/**
	 * PgBouncer refuses to run as root: files written by root need another owner first.
	 */
	@Test
	void howToStartItDependsOnWhoOwnsTheFiles() throws Exception {
		Run run = provision();

		Path ini = this.pgbouncerDir.resolve("pgbouncer.ini");
		if ("root".equals(Files.getOwner(ini).getName())) {
			assertThat(run.out()).contains("start it as another user than root, who owns its files: chown -R postgres: "
					+ this.pgbouncerDir + " && runuser -u postgres -- pgbouncer " + ini);
		}
		else {
			assertThat(run.out()).contains("start it as the files' owner (not root): pgbouncer " + ini);
		}
	}

	/**
	 * Run by root on files it gave to another user, as the hint above says to, the hint
	 * names the command that starts PgBouncer as that user.
	 */
	@Test
	void rootIsToldToStartItAsTheFilesOwner() throws Exception {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "run as root");
		provision();
		UserPrincipal postgresUser = this.pgbouncerDir.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName("postgres");
		try (var files = Files.list(this.pgbouncerDir)) {
			for (Path file : files.toList()) {
				Files.setOwner(file, postgresUser);
			}
		}
		Files.setOwner(this.pgbouncerDir, postgresUser);

		Run again = provision();

		assertThat(again.out()).contains("start it as the files' owner (not root): runuser -u postgres -- pgbouncer "
				+ this.pgbouncerDir.resolve("pgbouncer.ini"));
	}

	@Test
	void pgbouncerOptionsNeedEachOther() {
		Run portAlone = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
				"--pgbouncer-port", "7000");
		Run kubernetes = cli("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
				"--format", "kubernetes", "--pgbouncer", this.pgbouncerDir.toString());

		assertThat(portAlone.status()).isEqualTo(2);
		assertThat(portAlone.err()).contains("--pgbouncer-port needs --pgbouncer DIR");
		assertThat(kubernetes.status()).isEqualTo(2);
		assertThat(kubernetes.err()).contains("--pgbouncer writes env files");
	}

	private Run provision(String... extra) {
		List<String> args = new ArrayList<>(
				List.of("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
						"--pgbouncer", this.pgbouncerDir.toString(), "--pgbouncer-port", Integer.toString(this.port)));
		args.addAll(List.of(extra));
		return cli(args.toArray(String[]::new));
	}

	private DatabaseSettings settings(ServiceIdentity service) {
		Map<String, String> variables = EnvFile
			.read(this.envDir.resolve(service.name().replace("-service", "") + ".env"));
		return StorefrontSettings.read(service, variables::get).database();
	}

	private String adminPassword() throws Exception {
		String line = Files.readString(this.pgbouncerDir.resolve("pgbouncer-admin.pgpass"), StandardCharsets.UTF_8)
			.strip();
		assertThat(line).startsWith("127.0.0.1:" + this.port + ":pgbouncer:pgbouncer_admin:");
		return line.substring(line.lastIndexOf(':') + 1);
	}

	/** cart_db's clients as PgBouncer's console lists them, those that {@code match}. */
	private static long cartClients(PgBouncerConsole admin, Predicate<Map<String, String>> match) throws IOException {
		return admin.run("SHOW CLIENTS")
			.stream()
			.filter((client) -> "cart_db".equals(client.get("database")) && match.test(client))
			.count();
	}

	private static void query(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static Connection connect(DatabaseSettings settings, String password, String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", settings.user());
		properties.setProperty("password", password);
		properties.setProperty("prepareThreshold", "0");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + settings.port() + "/" + database,
				properties);
	}

}
