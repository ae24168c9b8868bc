package io.storefront.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pgbouncer.PgBouncerConsole;

/**
 * A real PgBouncer (Debian's {@code pgbouncer} package) in
 * {@code pool_mode = transaction} in front of a {@link TestPostgres}, on a free loopback
 * port, for the services' databases. It logs the roles in with the SCRAM verifiers the
 * server holds (copied from {@code pg_authid}, never a plain password), so it can log in
 * to the server on their behalf. It can be stopped, started and restarted on the same
 * port, and takes commands on its admin console ({@code RECONNECT}, {@code KILL},
 * {@code RESUME}, {@code SHOW …}) through {@link PgBouncerConsole}. The process itself
 * (run as {@code postgres} by root, a missing PgBouncer) is {@link PgBouncerProcess}'s.
 */
public final class TestPgBouncer implements AutoCloseable {

	private static final String ADMIN_USER = "pgbouncer_admin";

	private final TestPostgres postgres;

	private final List<ServiceIdentity> services;

	private final int serverPoolSize;

	private final Path directory;

	private final String adminPassword;

	private final int port;

	private final PgBouncerProcess process;

	private TestPgBouncer(TestPostgres postgres, List<ServiceIdentity> services, int serverPoolSize) {
		this.postgres = postgres;
		this.services = services;
		this.serverPoolSize = serverPoolSize;
		this.adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		this.port = FreePorts.any();
		this.directory = PgBouncerProcess.privateFolder();
		this.process = new PgBouncerProcess(this.directory.resolve("pgbouncer.ini"), this.port);
	}

	/**
	 * Starts a PgBouncer for {@code services} (provisioned on {@code postgres} first)
	 * that opens at most {@code serverPoolSize} server connections per database: few, so
	 * that the services' connections take turns on the same server sessions, as they do
	 * in production.
	 */
	public static TestPgBouncer inFrontOf(TestPostgres postgres, int serverPoolSize, ServiceIdentity... services) {
		TestPgBouncer pgbouncer = new TestPgBouncer(postgres, List.of(services), serverPoolSize);
		postgres.provision(services);
		pgbouncer.start();
		return pgbouncer;
	}

	public int port() {
		return this.port;
	}

	/**
	 * {@code DATABASE_URL} for the service's own role on its own database, through
	 * PgBouncer.
	 */
	public String databaseUrl(ServiceIdentity service) {
		return this.postgres.account(service).databaseUrl("127.0.0.1", this.port);
	}

	/**
	 * A connection of the service's own role through PgBouncer, as another client of its
	 * server sessions.
	 */
	public Connection connect(ServiceIdentity service) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.postgres.account(service).role());
		properties.setProperty("password", this.postgres.account(service).password());
		properties.setProperty("prepareThreshold", "0");
		properties.setProperty("assumeMinServerVersion", "10");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + service.databaseName(),
				properties);
	}

	public void start() {
		try {
			writeConfiguration();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PgBouncer's configuration could not be written", ex);
		}
		this.process.start();
	}

	/**
	 * Stops PgBouncer at once (SIGTERM: its immediate shutdown), dropping every client
	 * and server connection.
	 */
	public void stop() {
		this.process.stop();
	}

	public void restart() {
		stop();
		start();
	}

	/**
	 * Runs {@code command} on the admin console ({@code RECONNECT auth_db},
	 * {@code KILL auth_db}, {@code RESUME auth_db}, {@code SHOW SERVERS}, …) and fails
	 * with the console's error.
	 * @return the rows it answered, column name to value; empty for commands without rows
	 */
	public List<Map<String, String>> console(String command) {
		try {
			return new PgBouncerConsole("127.0.0.1", this.port, ADMIN_USER, this.adminPassword).run(command);
		}
		catch (PgBouncerConsole.ConsoleRefusedException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PgBouncer's console did not answer " + command, ex);
		}
	}

	/** Stops PgBouncer and deletes its files. */
	@Override
	public void close() {
		stop();
		PgBouncerProcess.delete(this.directory);
	}

	private void writeConfiguration() throws IOException {
		String databases = this.services.stream()
			.map((service) -> service.databaseName() + " = host=127.0.0.1 port=" + this.postgres.port() + " dbname="
					+ service.databaseName())
			.collect(Collectors.joining("\n"));
		String configuration = """
				[databases]
				%s

				[pgbouncer]
				listen_addr = 127.0.0.1
				listen_port = %d
				unix_socket_dir =
				auth_type = hba
				auth_hba_file = %s
				auth_file = %s
				admin_users = %s
				pool_mode = transaction
				default_pool_size = %d
				min_pool_size = 0
				reserve_pool_size = 0
				max_client_conn = 500
				ignore_startup_parameters = extra_float_digits
				server_login_retry = 1
				server_connect_timeout = 3
				logfile = %s
				pidfile = %s
				""".formatted(databases, this.port, this.directory.resolve("hba.conf"),
				this.directory.resolve("userlist.txt"), ADMIN_USER, this.serverPoolSize,
				this.directory.resolve("pgbouncer.log"), this.directory.resolve("pgbouncer.pid"));
		writePrivately("pgbouncer.ini", configuration);
		writePrivately("userlist.txt", authFile());
		writePrivately("hba.conf", """
				host all all 127.0.0.1/32 scram-sha-256
				""");
	}

	/**
	 * The roles' SCRAM verifiers as the server holds them, so PgBouncer can log in with
	 * the client's proof.
	 */
	private String authFile() {
		StringBuilder lines = new StringBuilder();
		try (Connection admin = this.postgres.adminConnection("postgres");
				java.sql.PreparedStatement verifiers = admin
					.prepareStatement("SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY (?)")) {
			verifiers.setArray(1, admin.createArrayOf("text",
					this.services.stream().map((service) -> this.postgres.account(service).role()).toArray()));
			try (ResultSet rows = verifiers.executeQuery()) {
				while (rows.next()) {
					lines.append(quoted(rows.getString(1))).append(' ').append(quoted(rows.getString(2))).append('\n');
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the roles' SCRAM verifiers", ex);
		}
		lines.append(quoted(ADMIN_USER)).append(' ').append(quoted(this.adminPassword)).append('\n');
		return lines.toString();
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private void writePrivately(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
	}

	@Override
	public String toString() {
		return "TestPgBouncer[127.0.0.1:" + this.port + " -> " + this.postgres.port() + ", "
				+ Arrays.toString(this.services.stream().map(ServiceIdentity::databaseName).toArray()) + "]";
	}

}
