package io.storefront.cli.pgbouncer;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storefront.cli.CommandFailedException;
import io.storefront.cli.DatabaseErrors;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.Passwords;

/**
 * Writes a working PgBouncer for the services' databases into a folder: {@value #INI}
 * (transaction pooling on {@code 127.0.0.1:port}, sized by {@link PgBouncerSizing} from
 * the services' pool settings, the replicas and the server's {@code max_connections}),
 * {@value #AUTH_FILE} (the roles' SCRAM verifiers from {@code pg_authid} and the console
 * admin's) and {@value #ADMIN_PASS_FILE} (the console admin's password), all mode 600.
 * Start it with {@code pgbouncer DIR/pgbouncer.ini} as the user that owns the files
 * (PgBouncer refuses to run as root). A re-run keeps the admin password unless told to
 * rotate it, and always copies the roles' current verifiers.
 */
public final class PgBouncerProvisioning {

	public static final String INI = "pgbouncer.ini";

	public static final String AUTH_FILE = "userlist.txt";

	public static final String ADMIN_PASS_FILE = "pgbouncer-admin.pgpass";

	public static final String ADMIN_USER = "pgbouncer_admin";

	public static final int DEFAULT_PORT = 6432;

	private PgBouncerProvisioning() {
	}

	/** The files {@link #write} writes into {@code folder}. */
	public static List<Path> files(Path folder) {
		Path directory = folder.toAbsolutePath().normalize();
		return List.of(directory.resolve(INI), directory.resolve(AUTH_FILE), directory.resolve(ADMIN_PASS_FILE));
	}

	/**
	 * @param admin a superuser login on the server (it reads {@code pg_authid});
	 * PgBouncer reaches the server at this login's host and port
	 * @param folder where the files go (created mode 700 when missing)
	 * @param port PgBouncer's port on 127.0.0.1
	 * @param pools each service's pool settings (its env file's), in the order of the
	 * databases
	 * @param roles each service's login role
	 * @param rotateAdminPassword give the console admin a new password
	 */
	public static PgBouncerFiles write(AdminConnection admin, Path folder, int port, int replicas,
			Map<ServiceIdentity, PoolSettings> pools, Map<ServiceIdentity, String> roles, boolean rotateAdminPassword) {
		Path directory = folder.toAbsolutePath().normalize();
		Map<String, String> verifiers;
		PgBouncerSizing sizing;
		try (Connection connection = admin.open()) {
			sizing = size(connection, pools.values(), replicas);
			verifiers = new LinkedHashMap<>(PgBouncerAuthFile.verifiers(connection, List.copyOf(roles.values())));
		}
		catch (SQLException ex) {
			throw new CommandFailedException(
					"cannot read the roles' SCRAM verifiers at " + admin.server() + ": " + DatabaseErrors.describe(ex));
		}
		catch (IllegalStateException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
		Path passFile = directory.resolve(ADMIN_PASS_FILE);
		String adminPassword = rotateAdminPassword ? Passwords.generate()
				: AdminPassFile.read(passFile, ADMIN_USER).orElseGet(Passwords::generate);
		verifiers.put(ADMIN_USER, PgBouncerAuthFile.verifier(adminPassword));

		List<PooledDatabase> databases = new ArrayList<>();
		pools.keySet()
			.forEach((service) -> databases
				.add(new PooledDatabase(service.databaseName(), admin.url().host(), admin.url().port())));
		Path authFile = directory.resolve(AUTH_FILE);
		PgBouncerConfig config = new PgBouncerConfig(port, databases, sizing, authFile, ADMIN_USER,
				List.copyOf(roles.values()));
		String written = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
		Path ini = directory.resolve(INI);
		try {
			AdminPassFile.write(passFile, port, ADMIN_USER, adminPassword);
			EnvFile.writePrivately(authFile, PgBouncerAuthFile.render(verifiers));
			EnvFile.writePrivately(ini,
					config.ini("Written by ./storefront db provision (" + written + "). Run: pgbouncer " + ini));
		}
		catch (UncheckedIOException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
		return new PgBouncerFiles(ini, authFile, passFile, port, sizing);
	}

	/**
	 * {@code max_connections} less {@code superuser_reserved_connections} (and
	 * {@code reserved_connections}, PG16+).
	 */
	/**
	 * The budget {@link #write} will write for {@code replicas} instances of services
	 * with {@code pools}, failing with the numbers when the server's connections cannot
	 * hold it: to be asked before anything is provisioned that would point at a
	 * PgBouncer.
	 */
	public static PgBouncerSizing size(AdminConnection admin, Collection<PoolSettings> pools, int replicas) {
		try (Connection connection = admin.open()) {
			return size(connection, pools, replicas);
		}
		catch (SQLException ex) {
			throw new CommandFailedException(
					"cannot read max_connections at " + admin.server() + ": " + DatabaseErrors.describe(ex));
		}
	}

	private static PgBouncerSizing size(Connection connection, Collection<PoolSettings> pools, int replicas)
			throws SQLException {
		int usable = usableConnections(connection);
		try {
			return PgBouncerSizing.of(List.copyOf(pools), replicas, usable);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
	}

	static int usableConnections(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("""
				SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
				         - coalesce(current_setting('reserved_connections', true)::int, 0)""")) {
			row.next();
			return row.getInt(1);
		}
	}

	/** What was written, and the budget it holds. */
	public record PgBouncerFiles(Path ini, Path authFile, Path adminPassFile, int port, PgBouncerSizing sizing) {

	}

}
