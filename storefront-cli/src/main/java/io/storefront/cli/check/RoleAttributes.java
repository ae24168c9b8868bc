package io.storefront.cli.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.storefront.db.config.DatabaseSettings;

/**
 * The attributes of a service's login that reach past its own database, which no
 * privilege check refuses: SUPERUSER passes them all, CREATEROLE lets it grant itself
 * another service's role (up to PostgreSQL 15), CREATEDB, REPLICATION (a copy of every
 * database) and BYPASSRLS. Read from {@code pg_roles}, which any login may read.
 */
final class RoleAttributes {

	private static final List<String> NAMES = List.of("SUPERUSER", "CREATEROLE", "CREATEDB", "REPLICATION",
			"BYPASSRLS");

	private static final String QUERY = """
			SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
			FROM pg_roles WHERE rolname = current_user""";

	private RoleAttributes() {
	}

	/**
	 * @return the names of those the login has, in {@code ALTER ROLE}'s words; empty when
	 * none
	 */
	static List<String> of(DatabaseSettings settings) throws SQLException {
		List<String> held = new ArrayList<>();
		try (Connection connection = ServiceConnections.open(settings, settings.database());
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(QUERY)) {
			row.next();
			for (int i = 0; i < NAMES.size(); i++) {
				if (row.getBoolean(i + 1)) {
					held.add(NAMES.get(i));
				}
			}
		}
		return held;
	}

}
