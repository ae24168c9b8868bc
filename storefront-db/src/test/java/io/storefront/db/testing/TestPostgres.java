package io.storefront.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.Provisioner;
import io.storefront.db.provision.ServiceAccount;

/**
 * A real PostgreSQL 17 for tests, provisioned exactly as production is (one least-privilege role per
 * service). It can be stopped and started again on the same port with the same data, which is how
 * the tests take the database away from a running service.
 *
 * <p>{@link #shared()} is one server per test JVM for tests that leave it running;
 * {@link #dedicated()} is a private one for tests that stop it.
 */
public final class TestPostgres implements AutoCloseable {

	private static final String AUTHENTICATION_RULES = """
			# Written by io.storefront.db.testing.TestPostgres.
			local all postgres               trust
			host  all postgres 127.0.0.1/32  trust
			host  all postgres ::1/128       trust
			local all all                    scram-sha-256
			host  all all      127.0.0.1/32  scram-sha-256
			host  all all      ::1/128       scram-sha-256
			""";

	private static TestPostgres shared;

	private final Path dataDirectory;

	/** 0 until the first start picks a free port; every restart reuses it. */
	private int port;

	private final Map<ServiceIdentity, ServiceAccount> accounts = new LinkedHashMap<>();

	private EmbeddedPostgres server;

	private TestPostgres(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	public static synchronized TestPostgres shared() {
		if (shared == null) {
			shared = dedicated();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-postgres-cleanup"));
		}
		return shared;
	}

	public static TestPostgres dedicated() {
		try {
			Path data = Files.createTempDirectory("storefront-test-pg");
			TestPostgres postgres = new TestPostgres(data);
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
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.setPGStartupWait(Duration.ofSeconds(30))
				.start();
			this.port = this.server.getPort();
			requirePasswords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
		}
	}

	/**
	 * The embedded server trusts every connection out of the box, which would let a wrong password
	 * through. Like production, only the administrator is trusted here; every service role must give its
	 * password.
	 */
	private void requirePasswords() throws IOException {
		Path rules = this.dataDirectory.resolve("pg_hba.conf");
		if (Files.readString(rules).equals(AUTHENTICATION_RULES)) {
			return;
		}
		Files.writeString(rules, AUTHENTICATION_RULES);
		try (Connection connection = adminConnection("postgres");
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not make the test database require passwords", ex);
		}
	}

	/** Stops the server (a fast shutdown, as an operator's restart would); {@link #start()} brings it back. */
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

	/** Stops the server for good and deletes its data, which would otherwise pile up in the temp directory. */
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

	public Connection adminConnection(String database) throws SQLException {
		return admin().open(database);
	}

	/** Provisions the services' databases and roles once; later calls return the same accounts. */
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

	/** {@code DATABASE_URL} for the service's own role on its own database (provisioned on first use). */
	public String databaseUrl(ServiceIdentity service) {
		return provision(service).get(service).databaseUrl("localhost", port());
	}

	public ServiceAccount account(ServiceIdentity service) {
		return provision(service).get(service);
	}

}
