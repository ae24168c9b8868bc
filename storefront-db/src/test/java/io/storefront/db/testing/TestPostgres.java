package io.storefront.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.PasswordAuthentication;
import io.storefront.db.provision.Provisioner;
import io.storefront.db.provision.ServiceAccount;

/**
 * A real PostgreSQL 17 for tests, provisioned exactly as production is (one
 * least-privilege role per service). It can be stopped and started again on the same port
 * with the same data, which is how the tests take the database away from a running
 * service.
 *
 * <p>
 * {@link #shared()} is one server per test JVM for tests that leave it running;
 * {@link #dedicated()} is a private one for tests that stop it.
 */
public final class TestPostgres implements AutoCloseable {

	private static TestPostgres shared;

	/**
	 * Where PostgreSQL's programs are unpacked, once per user: not zonky's default
	 * {@code /tmp/embedded-pg}, which every local user may write, and from which the
	 * tests would run whatever another user put there.
	 */
	private static final Path BINARIES = Path.of(System.getProperty("user.home"), ".cache", "storefront",
			"test-postgres");

	private final Path dataDirectory;

	/**
	 * Below the ephemeral range, so that no client's outgoing connection takes it while
	 * the server is stopped; every restart reuses it.
	 */
	private final int port = FreePorts.any();

	private final Map<ServiceIdentity, ServiceAccount> accounts = new LinkedHashMap<>();

	private final Map<String, String> serverConfig;

	private EmbeddedPostgres server;

	private TestPostgres(Path dataDirectory, Map<String, String> serverConfig) {
		this.dataDirectory = dataDirectory;
		this.serverConfig = serverConfig;
	}

	public static synchronized TestPostgres shared() {
		if (shared == null) {
			shared = dedicated();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-postgres-cleanup"));
		}
		return shared;
	}

	public static TestPostgres dedicated() {
		return dedicated(Map.of());
	}

	/**
	 * A private server with {@code postgresql.conf} settings of its own, such as a small
	 * {@code max_connections}.
	 */
	public static TestPostgres dedicated(Map<String, String> serverConfig) {
		try {
			Path data = Files.createTempDirectory("storefront-test-pg");
			TestPostgres postgres = new TestPostgres(data, Map.copyOf(serverConfig));
			postgres.start();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(ownerOnly(BINARIES).resolve("unpacked").toFile())
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.setPGStartupWait(Duration.ofSeconds(30));
			this.serverConfig.forEach(builder::setServerConfig);
			this.server = builder.start();
			requirePasswords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
		}
	}

	private static Path ownerOnly(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
		return folder;
	}

	/**
	 * Like production: only the administrator is trusted; every service role must give
	 * its password.
	 */
	private void requirePasswords() throws IOException {
		try {
			PasswordAuthentication.require(admin());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not make the test database require passwords", ex);
		}
	}

	/**
	 * Stops the server (a fast shutdown, as an operator's restart would);
	 * {@link #start()} brings it back.
	 */
	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = null;
	}

	/**
	 * Kills the server with SIGKILL, as the kernel's OOM killer or a crash would: the
	 * postmaster and every backend die at once, nothing is shut down cleanly.
	 * {@link #start()} brings it back on the same data directory, through crash recovery.
	 */
	public synchronized void crash() {
		if (this.server == null) {
			return;
		}
		try {
			List<ProcessHandle> processes = serverProcesses();
			processes.forEach(ProcessHandle::destroyForcibly);
			for (ProcessHandle process : processes) {
				process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			// Releases the embedded server's lock on the data directory; its clean stop
			// finds nothing to stop.
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("the killed server did not go away", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.server = null;
	}

	/**
	 * Stops the postmaster and every backend with SIGSTOP, as a hung host or a paused
	 * container would: sockets stay open and connections are still accepted by the
	 * kernel, but nothing answers until {@link #thaw()}.
	 */
	public synchronized void freeze() {
		signal("STOP");
	}

	/** Lets a {@link #freeze() frozen} server go on with SIGCONT. */
	public synchronized void thaw() {
		signal("CONT");
	}

	private void signal(String signal) {
		if (this.server == null) {
			return;
		}
		try {
			List<ProcessHandle> processes = serverProcesses();
			// Only the postmaster must be there: a backend may exit between being listed
			// and being signalled.
			kill(signal, processes);
			if (kill(signal, List.of(processes.getFirst())) != 0) {
				throw new IllegalStateException("kill -" + signal + " failed for the postmaster");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int kill(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
		processes.forEach((process) -> command.add(Long.toString(process.pid())));
		return new ProcessBuilder(command).inheritIO().start().waitFor();
	}

	/** The postmaster first, then every process it started. */
	private List<ProcessHandle> serverProcesses() throws IOException {
		long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
		ProcessHandle postmaster = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("no postmaster with PID " + pid));
		List<ProcessHandle> processes = new java.util.ArrayList<>(postmaster.descendants().toList());
		processes.addFirst(postmaster);
		return processes;
	}

	/**
	 * Stops the server for good and deletes its data, which would otherwise pile up in
	 * the temp directory.
	 */
	@Override
	public void close() {
		stop();
		deleteQuietly(this.dataDirectory);
	}

	private static void deleteQuietly(Path directory) {
		try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Best effort: a leftover directory in the temp directory harms nobody.
		}
	}

	public synchronized int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	public String adminUrl() {
		return "postgresql://postgres@localhost:" + port() + "/postgres";
	}

	public AdminConnection admin() {
		return AdminConnection.parse("admin URL", adminUrl());
	}

	/**
	 * A superuser's connection with the default {@code search_path}, so that a test can
	 * name a service's tables as the service does; unlike provisioning, a test trusts
	 * what the services put in their schemas.
	 */
	public Connection adminConnection(String database) throws SQLException {
		Connection connection = admin().open(database);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO DEFAULT");
		}
		return connection;
	}

	/**
	 * Runs {@code sql} (one or more statements) on {@code database} as the superuser.
	 * @return the rows the last statement answered, or the rows it changed
	 */
	public int runAsAdmin(String database, String sql) throws SQLException {
		try (Connection admin = adminConnection(database); Statement statement = admin.createStatement()) {
			if (!statement.execute(sql)) {
				return Math.max(0, statement.getUpdateCount());
			}
			int rows = 0;
			try (ResultSet result = statement.getResultSet()) {
				while (result.next()) {
					rows++;
				}
			}
			return rows;
		}
	}

	/**
	 * The one number {@code query} answers on {@code database}, asked as the superuser.
	 */
	public long queryAsAdmin(String database, String query) throws SQLException {
		try (Connection admin = adminConnection(database);
				Statement statement = admin.createStatement();
				ResultSet row = statement.executeQuery(query)) {
			row.next();
			return row.getLong(1);
		}
	}

	/**
	 * Kills every session of the role {@code role} with {@code pg_terminate_backend}, as
	 * an operator would, and waits until they are gone.
	 * @return how many sessions were killed
	 */
	public int terminateSessionsOf(String role) {
		return terminateSessions("usename", role);
	}

	/**
	 * Kills every session whose {@code application_name} is {@code applicationName} (a
	 * service's pool connections carry the service's name, its monitor's connection the
	 * name plus {@code -monitor}), and waits until they are gone.
	 * @return how many sessions were killed
	 */
	public int terminateSessionsNamed(String applicationName) {
		return terminateSessions("application_name", applicationName);
	}

	/**
	 * Kills the session of {@code service}'s role whose commit waits for a synchronous
	 * standby (on a server with {@code synchronous_standby_names} naming none that
	 * exists), as soon as there is one, within 10 s: a commit made durable whose answer
	 * never arrives.
	 */
	public void terminateSessionWaitingForStandby(ServiceIdentity service) {
		String role = account(service).role();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> runAsAdmin("postgres", """
					SELECT pg_terminate_backend(pid) FROM pg_stat_activity
					WHERE usename = '%s' AND wait_event = 'SyncRep'""".formatted(role)) > 0);
	}

	private int terminateSessions(String column, String value) {
		try (Connection connection = adminConnection("postgres");
				java.sql.PreparedStatement kill = connection.prepareStatement("""
						SELECT array_agg(pid) FILTER (WHERE pg_terminate_backend(pid))
						FROM pg_stat_activity WHERE %s = ? AND pid <> pg_backend_pid()
						""".formatted(column));
				java.sql.PreparedStatement alive = connection
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (?)")) {
			kill.setString(1, value);
			java.sql.Array pids;
			try (java.sql.ResultSet row = kill.executeQuery()) {
				row.next();
				pids = row.getArray(1);
			}
			if (pids == null) {
				return 0;
			}
			alive.setArray(1, pids);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (true) {
				try (java.sql.ResultSet row = alive.executeQuery()) {
					row.next();
					if (row.getInt(1) == 0) {
						return ((Integer[]) pids.getArray()).length;
					}
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("killed sessions did not end within 10 s");
				}
				Thread.sleep(10);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not kill the sessions with " + column + " = " + value, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Provisions the services' databases and roles once; later calls return the same
	 * accounts.
	 */
	public synchronized Map<ServiceIdentity, ServiceAccount> provision(ServiceIdentity... services) {
		List<ServiceIdentity> missing = java.util.Arrays.stream(services)
			.filter((service) -> !this.accounts.containsKey(service))
			.toList();
		if (!missing.isEmpty()) {
			try {
				new Provisioner(admin()).provision(missing, Map.of(), false)
					.forEach((account) -> this.accounts.put(account.service(), account));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("provisioning the test database failed", ex);
			}
		}
		return Map.copyOf(this.accounts);
	}

	/**
	 * {@code DATABASE_URL} for the service's own role on its own database (provisioned on
	 * first use).
	 */
	public String databaseUrl(ServiceIdentity service) {
		return provision(service).get(service).databaseUrl("localhost", port());
	}

	public ServiceAccount account(ServiceIdentity service) {
		return provision(service).get(service);
	}

	/**
	 * Plain connections, no pool, as the service's own role on its own database
	 * (provisioned on first use): for running its migrations or reading it as it would.
	 */
	public DataSource serviceDataSource(ServiceIdentity service) {
		ServiceAccount account = account(service);
		return new DriverManagerDataSource("jdbc:postgresql://localhost:" + port() + "/" + service.databaseName(),
				account.role(), account.password());
	}

}
