package io.storefront.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pgbouncer.PgBouncerConsole;

/**
 * A real PgBouncer (Debian's {@code pgbouncer} package) in
 * {@code pool_mode = transaction} in front of a {@link TestPostgres}, on a free loopback
 * port, for the services' databases. It logs the roles in with the SCRAM verifiers the
 * server holds (copied from {@code pg_authid}, never a plain password), so it can log in
 * to the server on their behalf. It can be stopped, started and restarted on the same
 * port, and takes commands on its admin console ({@code RECONNECT}, {@code KILL},
 * {@code RESUME}, {@code SHOW …}) through {@link PgBouncerConsole}.
 *
 * <p>
 * PgBouncer refuses to run as root: run by root, it runs as the {@code postgres} user,
 * its files in a directory that user owns. A missing PgBouncer fails the test, saying how
 * to install it.
 */
public final class TestPgBouncer implements AutoCloseable {

	private static final List<Path> EXECUTABLES = List.of(Path.of("/usr/sbin/pgbouncer"),
			Path.of("/usr/bin/pgbouncer"));

	private static final String RUN_AS = "postgres";

	private static final String ADMIN_USER = "pgbouncer_admin";

	private static final Duration START_LIMIT = Duration.ofSeconds(20);

	private final TestPostgres postgres;

	private final List<ServiceIdentity> services;

	private final int serverPoolSize;

	private final Path directory;

	private final String adminPassword;

	private final int port;

	private Process process;

	private TestPgBouncer(TestPostgres postgres, List<ServiceIdentity> services, int serverPoolSize) {
		this.postgres = postgres;
		this.services = services;
		this.serverPoolSize = serverPoolSize;
		this.adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		this.port = FreePorts.any();
		this.directory = privateDirectory();
	}

	/**
	 * Starts a PgBouncer for {@code services} (provisioned on {@code postgres} first)
	 * that opens at most {@code serverPoolSize} server connections per database: few, so
	 * that the services' connections take turns on the same server sessions, as they do
	 * in production.
	 */
	public static TestPgBouncer inFrontOf(TestPostgres postgres, int serverPoolSize, ServiceIdentity... services) {
		executable();
		postgres.provision(services);
		TestPgBouncer pgbouncer = new TestPgBouncer(postgres, List.of(services), serverPoolSize);
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

	public synchronized void start() {
		if (this.process != null) {
			return;
		}
		try {
			writeConfiguration();
			List<String> command = new ArrayList<>();
			if ("root".equals(System.getProperty("user.name"))) {
				command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
			}
			command.add(executable().toString());
			command.add(this.directory.resolve("pgbouncer.ini").toString());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("output.log").toFile()))
				.start();
			awaitListening();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PgBouncer did not start", ex);
		}
	}

	/**
	 * Stops PgBouncer at once (SIGTERM: its immediate shutdown), dropping every client
	 * and server connection.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
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
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Best effort: a leftover directory in the temp directory harms nobody.
		}
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
		handOver(file);
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				Process failed = this.process;
				this.process = null;
				throw new IllegalStateException(
						"PgBouncer exited at start (code " + failed.exitValue() + "): " + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					stop();
					throw new IllegalStateException(
							"PgBouncer did not listen within " + START_LIMIT.toSeconds() + " s: " + log());
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private String log() throws IOException {
		StringBuilder text = new StringBuilder();
		for (String name : List.of("output.log", "pgbouncer.log")) {
			Path file = this.directory.resolve(name);
			if (Files.exists(file)) {
				text.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	private static Path executable() {
		return EXECUTABLES.stream()
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("PgBouncer is not installed (looked for "
					+ EXECUTABLES.stream().map(Path::toString).collect(Collectors.joining(", "))
					+ "); these tests run a real one: install Debian's package with"
					+ " `apt-get update && apt-get install -y pgbouncer` (.ci/run does)"));
	}

	private static Path privateDirectory() {
		try {
			Path directory = Files.createTempDirectory("storefront-test-pgbouncer");
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			handOver(directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Run by root, PgBouncer runs as {@link #RUN_AS}, which must own its files. */
	private static void handOver(Path path) throws IOException {
		if (!"root".equals(System.getProperty("user.name"))) {
			return;
		}
		UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
		Files.setOwner(path, users.lookupPrincipalByName(RUN_AS));
		Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
			.setGroup(users.lookupPrincipalByGroupName(RUN_AS));
	}

	@Override
	public String toString() {
		return "TestPgBouncer[127.0.0.1:" + this.port + " -> " + this.postgres.port() + ", "
				+ Arrays.toString(this.services.stream().map(ServiceIdentity::databaseName).toArray()) + "]";
	}

}
