package io.storefront.launcher.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.storefront.cli.pgbouncer.PgBouncerProvisioning;
import io.storefront.cli.pgbouncer.PgBouncerProvisioning.PgBouncerFiles;
import io.storefront.cli.pgbouncer.PgBouncerSizing;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.launcher.LauncherException;

/**
 * Debian's PgBouncer in {@code pool_mode = transaction} in front of the PostgreSQL
 * {@code up} provisioned, on loopback, for the replicas. Its files are what
 * {@code db provision --pgbouncer} writes ({@link PgBouncerProvisioning}:
 * {@code pgbouncer.ini} sized for the replicas, the auth file with the roles' SCRAM
 * verifiers as the server stores them, never a plain password; mode 600), in a private
 * temporary folder (mode 700) removed when it stops. PgBouncer refuses to run as root:
 * run by root, it runs as the {@code postgres} user, who then owns that folder.
 *
 * @param program the running PgBouncer, started again with the same files if it exits
 * @param directory the private folder its files are in
 * @param files what {@link PgBouncerProvisioning} wrote there
 */
record PgBouncer(HelperProgram program, Path directory, PgBouncerFiles files) implements AutoCloseable {

	static final String PROGRAM = "pgbouncer";

	private static final String RUN_AS = "postgres";

	/**
	 * @param pools each service's pool settings, as its replicas run with them
	 * @param roles each service's login role
	 */
	static PgBouncer start(Path executable, AdminConnection server, int replicas,
			Map<ServiceIdentity, PoolSettings> pools, Map<ServiceIdentity, String> roles, int port, Path log) {
		boolean root = "root".equals(System.getProperty("user.name"));
		Path directory = privateDirectory(root);
		try {
			PgBouncerFiles files = PgBouncerProvisioning.write(server, directory, port, replicas, pools, roles, false);
			if (root) {
				try (Stream<Path> written = Files.list(directory)) {
					for (Path file : written.toList()) {
						handOver(file);
					}
				}
			}
			List<String> command = new ArrayList<>();
			if (root) {
				command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
			}
			command.add(executable.toString());
			command.add(files.ini().toString());
			return new PgBouncer(HelperProgram.start(PROGRAM, files.ini().toString(), "PgBouncer", command, log,
					"127.0.0.1", List.of(port)), directory, files);
		}
		catch (IOException ex) {
			delete(directory);
			throw new UncheckedIOException("cannot hand PgBouncer's files to " + RUN_AS, ex);
		}
		catch (RuntimeException ex) {
			delete(directory);
			throw ex;
		}
	}

	/**
	 * The budget its files were written for: server connections per database, clients at
	 * most.
	 */
	PgBouncerSizing sizing() {
		return this.files.sizing();
	}

	/** Its {@code pgbouncer.ini}, named on its command line. */
	Path configuration() {
		return this.files.ini();
	}

	/** The port its files configure it to listen on. */
	int port() {
		return this.files.port();
	}

	/**
	 * Stops PgBouncer (SIGTERM: at once; the services are gone by then) and removes its
	 * files.
	 */
	@Override
	public void close() {
		this.program.close();
		delete(this.directory);
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

}
