package io.storefront.launcher.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.launcher.LauncherException;

/**
 * Debian's PgBouncer in {@code pool_mode = transaction} in front of the PostgreSQL {@code up} provisioned,
 * on loopback, for the replicas. Its configuration and auth file live in a private temporary folder
 * (mode 700, files 600) that is removed when it stops; the auth file holds the roles' SCRAM verifiers as
 * the server stores them ({@code pg_authid}), never a plain password, so PgBouncer logs in to the server
 * with each client's own SCRAM proof. PgBouncer refuses to run as root: run by root, it runs as the
 * {@code postgres} user, who then owns that folder.
 */
final class PgBouncer implements AutoCloseable {

	static final String PROGRAM = "pgbouncer";

	private static final String RUN_AS = "postgres";

	private static final Duration START_LIMIT = Duration.ofSeconds(20);

	private final HelperProcess process;

	private final Path directory;

	private final int port;

	private PgBouncer(HelperProcess process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * @param pools each service's role and how many server connections its database gets
	 * @param maxClients how many client connections PgBouncer accepts in all
	 */
	static PgBouncer start(Path executable, AdminConnection server, Map<ServiceIdentity, Pool> pools, int port,
			int maxClients, Path log) {
		boolean root = "root".equals(System.getProperty("user.name"));
		Path directory = privateDirectory(root);
		try {
			write(directory, "userlist.txt", authFile(server, pools), root);
			write(directory, "pgbouncer.ini", configuration(server, pools, port, maxClients, directory), root);
			List<String> command = new ArrayList<>();
			if (root) {
				command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
			}
			command.add(executable.toString());
			command.add(directory.resolve("pgbouncer.ini").toString());
			HelperProcess process = HelperProcess.start("PgBouncer", command, log);
			PgBouncer pgbouncer = new PgBouncer(process, directory, port);
			try {
				process.awaitListening("127.0.0.1", List.of(port), START_LIMIT);
			}
			catch (RuntimeException ex) {
				pgbouncer.close();
				throw ex;
			}
			return pgbouncer;
		}
		catch (RuntimeException ex) {
			delete(directory);
			throw ex;
		}
	}

	/**
	 * The settings the services need in transaction mode (docs/scaling-out.md): the driver's
	 * {@code extra_float_digits} ignored, a failed server login retried after 1 s instead of 15, and each
	 * database's server pool bounded by its own {@code pool_size}.
	 */
	static String configuration(AdminConnection server, Map<ServiceIdentity, Pool> pools, int port, int maxClients,
			Path directory) {
		StringBuilder databases = new StringBuilder();
		pools.forEach((service, pool) -> databases.append(service.databaseName())
			.append(" = host=")
			.append(server.url().host())
			.append(" port=")
			.append(server.url().port())
			.append(" dbname=")
			.append(service.databaseName())
			.append(" pool_size=")
			.append(pool.serverConnections())
			.append('\n'));
		return """
				; written by ./storefront up --replicas; removed when it stops
				[databases]
				%s
				[pgbouncer]
				listen_addr = 127.0.0.1
				listen_port = %d
				unix_socket_dir =
				pool_mode = transaction
				auth_type = scram-sha-256
				auth_file = %s
				max_client_conn = %d
				min_pool_size = 0
				reserve_pool_size = 0
				ignore_startup_parameters = extra_float_digits
				server_login_retry = 1
				server_connect_timeout = 3
				""".formatted(databases, port, directory.resolve("userlist.txt"), maxClients);
	}

	/** {@code "role" "SCRAM-SHA-256$4096:…"} per service role, read from the server. */
	private static String authFile(AdminConnection server, Map<ServiceIdentity, Pool> pools) {
		List<String> roles = pools.values().stream().map(Pool::role).toList();
		StringBuilder lines = new StringBuilder();
		try (Connection admin = server.open();
				PreparedStatement verifiers = admin
					.prepareStatement("SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY (?) ORDER BY rolname")) {
			verifiers.setArray(1, admin.createArrayOf("text", roles.toArray()));
			try (ResultSet rows = verifiers.executeQuery()) {
				while (rows.next()) {
					String verifier = rows.getString(2);
					if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
						throw new LauncherException("role " + rows.getString(1) + " has no SCRAM password on " + server.server()
								+ "; PgBouncer needs one (set password_encryption = scram-sha-256 and provision again)");
					}
					lines.append(quoted(rows.getString(1))).append(' ').append(quoted(verifier)).append('\n');
				}
			}
		}
		catch (SQLException ex) {
			throw new LauncherException("cannot read the roles' SCRAM verifiers for PgBouncer from " + server.server()
					+ ": " + ex.getMessage());
		}
		return lines.toString();
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	HelperProcess process() {
		return this.process;
	}

	/** Stops PgBouncer (SIGTERM: at once; the services are gone by then) and removes its files. */
	@Override
	public void close() {
		this.process.stop();
		delete(this.directory);
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private static Path privateDirectory(boolean root) {
		try {
			Path directory = Files.createTempDirectory("storefront-up-pgbouncer",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			if (root) {
				handOver(directory);
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create PgBouncer's folder", ex);
		}
	}

	private static void write(Path directory, String name, String content, boolean root) {
		Path file = directory.resolve(name);
		try {
			Files.writeString(file, content, StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			if (root) {
				handOver(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static void handOver(Path path) throws IOException {
		UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
		try {
			Files.setOwner(path, users.lookupPrincipalByName(RUN_AS));
			Files.getFileAttributeView(path, PosixFileAttributeView.class)
				.setGroup(users.lookupPrincipalByGroupName(RUN_AS));
		}
		catch (UserPrincipalNotFoundException ex) {
			throw new LauncherException("PgBouncer refuses to run as root, and there is no " + RUN_AS
					+ " user to run it as; create one, or run ./storefront up as another user");
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a leftover folder in the temporary folder, mode 700, harms nobody
		}
	}

	/**
	 * One service's database behind PgBouncer.
	 * @param role the service's role, whose verifier goes into the auth file
	 * @param serverConnections the most server connections PgBouncer opens to the database
	 */
	record Pool(String role, int serverConnections) {

	}

}
