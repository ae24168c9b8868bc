package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

/**
 * Creates each service's database and login role with least privilege, idempotently:
 * <ul>
 * <li>the role may log in and nothing more (no superuser, no CREATEDB, no
 * CREATEROLE);</li>
 * <li>{@code CONNECT} and {@code TEMPORARY} on each database are revoked from
 * {@code PUBLIC} and from the other services' roles, and granted to the owning role
 * only;</li>
 * <li>the owning role owns the database's {@code public} schema, so its migrations can
 * create tables there, and nobody else may use that schema;</li>
 * <li>the extensions the service needs ({@link ServiceIdentity#extensions()}) are
 * installed by the administrator into that {@code public} schema, where the role can use
 * them: the role itself may not create extensions (it has no {@code CREATE} on its
 * database) and is granted nothing more for them. One the server does not offer
 * (PostgreSQL's contrib package is not installed) is skipped and reported in
 * {@link ServiceAccount#missingExtensions()}: the services run without theirs, more
 * slowly, so a missing package is no reason to refuse the databases and roles.</li>
 * </ul>
 * Passwords are sent as SCRAM verifiers computed by the driver, so the clear text never
 * reaches the server's logs. The admin need not be a superuser: a login with CREATEROLE
 * and CREATEDB (managed PostgreSQL's) will do, given roles without an attribute only a
 * superuser may take away ({@link #superuserOnlyAttributes}).
 */
public final class Provisioner {

	/** The databases a fresh PostgreSQL server has that allow connections. */
	public static final List<String> SHARED_DATABASES = List.of("postgres", "template1");

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final AdminConnection admin;

	public Provisioner(AdminConnection admin) {
		this.admin = admin;
	}

	/**
	 * @param knownPasswords passwords from an earlier run, kept unless {@code rotate} is
	 * set
	 * @param rotate give every role a new password
	 */
	public List<ServiceAccount> provision(List<ServiceIdentity> services, Map<String, String> knownPasswords,
			boolean rotate) throws SQLException {
		List<ServiceAccount> accounts = new ArrayList<>();
		try (Connection connection = this.admin.open()) {
			connection.setAutoCommit(true);
			for (ServiceIdentity service : services) {
				accounts.add(provisionCluster(connection, service, knownPasswords.get(service.defaultRole()), rotate));
			}
		}
		List<ServiceAccount> provisioned = new ArrayList<>();
		for (ServiceAccount account : accounts) {
			ServiceIdentity service = account.service();
			try (Connection connection = this.admin.open(service.databaseName())) {
				provisioned.add(account.withMissingExtensions(lockDownSchema(connection, service)));
			}
		}
		// Last: a password changed before a later step failed would be on the server and
		// in no env file, locking the running service out. A kept password the server
		// still holds is not set again: it would be stored with a new salt, and a
		// PgBouncer holding the old verifier could no longer log in.
		try (Connection connection = this.admin.open()) {
			for (ServiceAccount account : provisioned) {
				if (account.passwordChanged() || !serverHolds(connection, account)) {
					connection.unwrap(PGConnection.class)
						.alterUserPassword(account.role(), account.password().toCharArray(), "scram-sha-256");
				}
			}
		}
		return provisioned;
	}

	/**
	 * Whether the server's verifier for the account's role is one of its password; false
	 * when the admin may not read {@code pg_authid} (a managed server's CREATEROLE
	 * login), so that the password is set again.
	 */
	private static boolean serverHolds(Connection connection, ServiceAccount account) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
			statement.setString(1, account.role());
			try (ResultSet row = statement.executeQuery()) {
				String verifier = row.next() ? row.getString(1) : null;
				return verifier != null && ScramVerifier.matches(verifier, account.password());
			}
		}
		catch (SQLException ex) {
			if (INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The roles of {@code services} that exist on the server already, in the order of
	 * {@code services}.
	 */
	public List<String> existingRoles(List<ServiceIdentity> services) throws SQLException {
		List<String> existing = new ArrayList<>();
		try (Connection connection = this.admin.open()) {
			for (ServiceIdentity service : services) {
				if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", service.defaultRole())) {
					existing.add(service.defaultRole());
				}
			}
		}
		return existing;
	}

	/**
	 * The roles whose password on the server is known to be another than the one
	 * {@code known} holds for them (a folder older than a rotation, or a password changed
	 * on the server), in {@code services}' order. Provisioning would set the known one
	 * again, locking out whatever uses the server's. A role whose password cannot be
	 * compared (an admin that may not read {@code pg_authid}, a managed server's
	 * CREATEROLE login) is not named.
	 */
	public List<String> rolesWithAnotherPassword(List<ServiceIdentity> services, Map<String, String> known)
			throws SQLException {
		List<String> other = new ArrayList<>();
		try (Connection connection = this.admin.open();
				PreparedStatement statement = connection
					.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
			for (ServiceIdentity service : services) {
				String role = service.defaultRole();
				String password = known.get(role);
				if (password == null || password.isEmpty()) {
					continue;
				}
				statement.setString(1, role);
				try (ResultSet row = statement.executeQuery()) {
					if (row.next() && StoredPassword.of(row.getString(1), role, password) == StoredPassword.OTHER) {
						other.add(role);
					}
				}
			}
		}
		catch (SQLException ex) {
			if (INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
				return List.of();
			}
			throw ex;
		}
		return other;
	}

	/**
	 * Takes {@code CONNECT} on the databases every server has, {@code postgres} and
	 * {@code template1}, away from {@code PUBLIC}, so a service's role cannot open them
	 * either. Superusers keep their access (they need no privilege); other roles of a
	 * shared server lose theirs unless granted it by name, which is why this is the
	 * administrator's choice on a server Storefront does not own.
	 * @return the databases changed
	 */
	public List<String> revokePublicConnectOnSharedDatabases() throws SQLException {
		List<String> revoked = new ArrayList<>();
		try (Connection connection = this.admin.open()) {
			connection.setAutoCommit(true);
			for (String database : SHARED_DATABASES) {
				if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
					execute(connection, "REVOKE CONNECT ON DATABASE " + quote(database) + " FROM PUBLIC", null);
					revoked.add(database);
				}
			}
		}
		return revoked;
	}

	/**
	 * Which of {@code postgres} and {@code template1} {@code PUBLIC} may still connect
	 * to, as the catalog says (an earlier run, or the administrator, may have revoked
	 * it).
	 */
	public List<String> sharedDatabasesOpenToPublic() throws SQLException {
		return databasesOpenToPublic().stream().filter(SHARED_DATABASES::contains).toList();
	}

	/**
	 * The databases that accept connections and that {@code PUBLIC} may connect to, by
	 * name.
	 */
	public List<String> databasesOpenToPublic() throws SQLException {
		List<String> open = new ArrayList<>();
		try (Connection connection = this.admin.open();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT datname FROM pg_database
						WHERE datallowconn AND has_database_privilege('public', oid, 'CONNECT')
						ORDER BY datname""")) {
			while (rows.next()) {
				open.add(rows.getString(1));
			}
		}
		return open;
	}

	private ServiceAccount provisionCluster(Connection connection, ServiceIdentity service, String knownPassword,
			boolean rotate) throws SQLException {
		String role = service.defaultRole();
		boolean roleCreated = !exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)
				&& execute(connection, "CREATE ROLE " + quote(role), "42710");
		List<String> changes = attributeChanges(connection, role);
		if (!changes.isEmpty()) {
			execute(connection, "ALTER ROLE " + quote(role) + " " + String.join(" ", changes), null);
		}
		boolean keep = !rotate && !roleCreated && knownPassword != null && !knownPassword.isEmpty();
		String password = keep ? knownPassword : Passwords.generate();

		String database = service.databaseName();
		boolean databaseCreated = !exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)
				&& execute(connection, "CREATE DATABASE " + quote(database), "42P04");
		execute(connection, "REVOKE ALL ON DATABASE " + quote(database) + " FROM PUBLIC", null);
		for (ServiceIdentity other : KnownServices.ALL) {
			if (!other.equals(service)
					&& exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", other.defaultRole())) {
				execute(connection, "REVOKE ALL ON DATABASE " + quote(database) + " FROM " + quote(other.defaultRole()),
						null);
			}
		}
		execute(connection, "GRANT CONNECT, TEMPORARY ON DATABASE " + quote(database) + " TO " + quote(role), null);
		return new ServiceAccount(service, role, password, roleCreated, databaseCreated, !keep, List.of());
	}

	/**
	 * The attributes of {@code role} to change so that it may log in and nothing more.
	 * Only those that differ: an admin that is not a superuser (managed PostgreSQL's
	 * CREATEROLE login) may not even restate {@code NOSUPERUSER}, {@code NOREPLICATION}
	 * or {@code NOBYPASSRLS}.
	 */
	private static List<String> attributeChanges(Connection connection, String role) throws SQLException {
		List<String> changes = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolinherit
				FROM pg_roles WHERE rolname = ?""")) {
			statement.setString(1, role);
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				addWhen(changes, !row.getBoolean("rolcanlogin"), "LOGIN");
				addWhen(changes, row.getBoolean("rolsuper"), "NOSUPERUSER");
				addWhen(changes, row.getBoolean("rolcreatedb"), "NOCREATEDB");
				addWhen(changes, row.getBoolean("rolcreaterole"), "NOCREATEROLE");
				addWhen(changes, row.getBoolean("rolreplication"), "NOREPLICATION");
				addWhen(changes, row.getBoolean("rolbypassrls"), "NOBYPASSRLS");
				addWhen(changes, !row.getBoolean("rolinherit"), "INHERIT");
			}
		}
		return changes;
	}

	private static void addWhen(List<String> changes, boolean needed, String change) {
		if (needed) {
			changes.add(change);
		}
	}

	/**
	 * The services' existing roles that have an attribute only a superuser may take away
	 * ({@code SUPERUSER}, {@code REPLICATION}, {@code BYPASSRLS}; PostgreSQL 16+ also
	 * lets an admin that has the last two itself), by role, for an admin that is not a
	 * superuser to refuse before it changes anything.
	 */
	public Map<String, List<String>> superuserOnlyAttributes(List<ServiceIdentity> services) throws SQLException {
		Map<String, List<String>> found = new LinkedHashMap<>();
		try (Connection connection = this.admin.open(); PreparedStatement statement = connection.prepareStatement("""
				SELECT rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = ?""")) {
			for (ServiceIdentity service : services) {
				statement.setString(1, service.defaultRole());
				try (ResultSet row = statement.executeQuery()) {
					if (!row.next()) {
						continue;
					}
					List<String> attributes = new ArrayList<>();
					addWhen(attributes, row.getBoolean(1), "SUPERUSER");
					addWhen(attributes, row.getBoolean(2), "REPLICATION");
					addWhen(attributes, row.getBoolean(3), "BYPASSRLS");
					if (!attributes.isEmpty()) {
						found.put(service.defaultRole(), attributes);
					}
				}
			}
		}
		return found;
	}

	/**
	 * The services' existing roles and databases an admin that is not a superuser may not
	 * change: since PostgreSQL 16 a CREATEROLE login changes only the roles it holds
	 * ADMIN OPTION on (those it created), and only an owner changes a database. For such
	 * an admin to refuse before it changes anything.
	 */
	public Unmanageable unmanageable(List<ServiceIdentity> services) throws SQLException {
		List<String> roles = new ArrayList<>();
		List<String> databases = new ArrayList<>();
		try (Connection connection = this.admin.open(); PreparedStatement role = connection.prepareStatement("""
				SELECT current_setting('server_version_num')::int >= 160000
				       AND NOT pg_has_role(current_user, oid, 'USAGE WITH ADMIN OPTION')
				FROM pg_roles WHERE rolname = ?"""); PreparedStatement database = connection.prepareStatement("""
				SELECT NOT pg_has_role(current_user, datdba, 'MEMBER') FROM pg_database WHERE datname = ?""")) {
			for (ServiceIdentity service : services) {
				if (isTrue(role, service.defaultRole())) {
					roles.add(service.defaultRole());
				}
				if (isTrue(database, service.databaseName())) {
					databases.add(service.databaseName());
				}
			}
		}
		return new Unmanageable(List.copyOf(roles), List.copyOf(databases));
	}

	/**
	 * Roles and databases an admin may not change.
	 *
	 * @param roles roles it holds no ADMIN OPTION on
	 * @param databases databases it does not own
	 */
	public record Unmanageable(List<String> roles, List<String> databases) {

		public boolean isEmpty() {
			return this.roles.isEmpty() && this.databases.isEmpty();
		}

	}

	/** Whether the query, given the name, finds a row that says true. */
	private static boolean isTrue(PreparedStatement query, String name) throws SQLException {
		query.setString(1, name);
		try (ResultSet row = query.executeQuery()) {
			return row.next() && row.getBoolean(1);
		}
	}

	/**
	 * Closes {@code public} to everyone, installs the service's extensions in it while
	 * only the administrator may create there, then hands it to the service's role. A
	 * later run finds the extensions in place and runs no extension script in a schema
	 * the role could have filled.
	 * @return the extensions the server does not offer
	 */
	private static List<String> lockDownSchema(Connection connection, ServiceIdentity service) throws SQLException {
		String role = service.defaultRole();
		// PostgreSQL lets only a member of the new owner make it one (16+: one that may
		// SET ROLE to it), and once the role owns public only the role may revoke on it:
		// a CREATEROLE admin that is not a superuser joins the role for these steps.
		boolean joined = !hasPrivilegesOf(connection, role)
				&& execute(connection, "GRANT " + quote(role) + " TO CURRENT_USER", null);
		try {
			execute(connection, "REVOKE ALL ON SCHEMA public FROM PUBLIC", null);
			List<String> missing = installExtensions(connection, service);
			execute(connection, "ALTER SCHEMA public OWNER TO " + quote(role), null);
			return missing;
		}
		finally {
			if (joined) {
				execute(connection, "REVOKE " + quote(role) + " FROM CURRENT_USER", null);
			}
		}
	}

	/** A superuser, or a member of {@code role} that inherits its privileges. */
	private static boolean hasPrivilegesOf(Connection connection, String role) throws SQLException {
		return exists(connection, "SELECT 1 WHERE pg_has_role(current_user, ?, 'USAGE')", role);
	}

	/** Installs what the server offers; returns the extensions it does not. */
	private static List<String> installExtensions(Connection connection, ServiceIdentity service) throws SQLException {
		List<String> missing = new ArrayList<>();
		for (String extension : service.extensions()) {
			if (!exists(connection, "SELECT 1 FROM pg_available_extensions WHERE name = ?", extension)) {
				missing.add(extension);
				continue;
			}
			// IF NOT EXISTS keeps a re-run (or an extension a DBA installed elsewhere) as
			// it is; a concurrent run creating the same extension fails on pg_extension's
			// unique name instead (23505).
			execute(connection, "CREATE EXTENSION IF NOT EXISTS " + quote(extension) + " SCHEMA public", "23505");
		}
		return missing;
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * Runs one DDL statement; returns {@code false} when it failed only because a
	 * concurrent run already did the same ({@code alreadyDoneState}).
	 */
	private static boolean execute(Connection connection, String sql, String alreadyDoneState) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
			return true;
		}
		catch (SQLException ex) {
			if (alreadyDoneState != null && alreadyDoneState.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
