package io.storefront.cli.provision;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.storefront.cli.CommandFailedException;
import io.storefront.cli.DatabaseErrors;
import io.storefront.db.config.KnownServices;
import io.storefront.db.pool.SqlErrors;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.Provisioner;

/**
 * Before changing anything: can the admin URL log in, and may that login create roles and
 * databases? Each failure becomes one line saying what to fix.
 */
final class AdminPreflight {

	private AdminPreflight() {
	}

	/**
	 * @return the admin's role name, as the server sees it
	 */
	static String check(AdminConnection admin) {
		try (Connection connection = admin.open();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("""
						SELECT current_user, rolsuper, rolcreaterole, rolcreatedb
						FROM pg_roles WHERE rolname = current_user""")) {
			if (!row.next()) {
				throw new CommandFailedException("cannot read the admin login's privileges at " + admin.server());
			}
			String user = row.getString(1);
			boolean superuser = row.getBoolean(2);
			if (!superuser && !(row.getBoolean(3) && row.getBoolean(4))) {
				throw new CommandFailedException("the admin login " + user + " at " + admin.server()
						+ " is not a superuser and lacks CREATEROLE/CREATEDB; give --admin-url a superuser"
						+ " (e.g. postgresql://postgres@" + admin.server() + "/postgres)");
			}
			if (!superuser) {
				requireAttributesItMayTakeAway(admin, user);
				requireRolesAndDatabasesItMayChange(admin, user);
			}
			return user;
		}
		catch (SQLException ex) {
			throw new CommandFailedException(describeLoginFailure(admin, ex));
		}
	}

	/**
	 * Provisioning takes every attribute but {@code LOGIN} away from the services' roles;
	 * an admin that is not a superuser would fail part-way on one it may not take away.
	 */
	private static void requireAttributesItMayTakeAway(AdminConnection admin, String user) throws SQLException {
		Map<String, List<String>> found = new Provisioner(admin).superuserOnlyAttributes(KnownServices.ALL);
		if (found.isEmpty()) {
			return;
		}
		String roles = found.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " has " + String.join(", ", entry.getValue()))
			.collect(Collectors.joining("; "));
		throw new CommandFailedException("at " + admin.server() + " role " + roles
				+ ", which only a superuser may take away, and the admin login " + user
				+ " is not one; nothing was changed. Give --admin-url a superuser, or have one run ALTER ROLE … "
				+ "NOSUPERUSER NOREPLICATION NOBYPASSRLS for " + String.join(", ", found.keySet()));
	}

	private static void requireRolesAndDatabasesItMayChange(AdminConnection admin, String user) throws SQLException {
		Provisioner.Unmanageable found = new Provisioner(admin).unmanageable(KnownServices.ALL);
		if (found.isEmpty()) {
			return;
		}
		List<String> what = new ArrayList<>();
		if (!found.roles().isEmpty()) {
			what.add("may not manage " + named("role", found.roles()) + " (it lacks ADMIN OPTION on "
					+ ((found.roles().size() == 1) ? "it" : "them") + ")");
		}
		if (!found.databases().isEmpty()) {
			what.add("does not own " + named("database", found.databases()));
		}
		throw new CommandFailedException(
				"at " + admin.server() + " the admin login " + user + " " + String.join(" and ", what)
						+ "; nothing was changed. Give --admin-url a superuser, or the login that created them");
	}

	private static String named(String kind, List<String> names) {
		return kind + ((names.size() == 1) ? " " : "s ") + String.join(", ", names);
	}

	static String describeLoginFailure(AdminConnection admin, SQLException failure) {
		String state = SqlErrors.sqlState(failure);
		String reason = DatabaseErrors.reason(failure);
		String who = (admin.url().user() != null) ? admin.url().user() : "(no user in the URL)";
		if (admin.url().password() == null
				&& (state.startsWith("28") || reason.toLowerCase(Locale.ROOT).contains("password"))) {
			return "PostgreSQL at " + admin.server() + " asks the admin login " + who
					+ " for a password, and none was given: put it in the admin URL, PGPASSWORD or a password file"
					+ " only you may read (~/.pgpass or PGPASSFILE)";
		}
		if (DatabaseErrors.isUnreachable(failure)) {
			return "cannot reach PostgreSQL at " + admin.server() + " (" + reason
					+ "); is the server running and the admin URL's host and port right?";
		}
		if (state.startsWith("28")) {
			return "PostgreSQL at " + admin.server() + " refused the admin login " + who + ": " + reason;
		}
		if ("3D000".equals(state)) {
			return "the admin URL names a database that does not exist at " + admin.server() + ": " + reason
					+ " (use /postgres)";
		}
		return "PostgreSQL at " + admin.server() + ": " + reason;
	}

}
