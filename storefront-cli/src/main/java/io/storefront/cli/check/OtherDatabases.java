package io.storefront.cli.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.storefront.db.config.DatabaseSettings;

/**
 * Whether a service's login holds {@code CONNECT} on each database of the server that
 * allows connections, besides its own and those the login tries directly (the other
 * services'): {@code postgres}, {@code template1} and whatever else the server holds.
 * Asked from the catalog, which any login may read, so nothing is opened that should not
 * be.
 */
final class OtherDatabases {

	private static final String QUERY = """
			SELECT datname, has_database_privilege(oid, 'CONNECT'), has_database_privilege('public', oid, 'CONNECT')
			FROM pg_database
			WHERE datallowconn AND datname <> current_database() AND datname <> ALL (?)
			ORDER BY datname""";

	private OtherDatabases() {
	}

	/**
	 * @param triedDirectly databases left out
	 * @return one attempt per database: {@code refused} without the privilege,
	 * {@code public} when {@code PUBLIC} holds it, {@code granted} when the login holds
	 * it otherwise
	 */
	static List<IsolationReport.Attempt> of(DatabaseSettings settings, List<String> triedDirectly) throws SQLException {
		List<IsolationReport.Attempt> attempts = new ArrayList<>();
		try (Connection connection = ServiceConnections.open(settings, settings.database());
				PreparedStatement statement = connection.prepareStatement(QUERY)) {
			Array excluded = connection.createArrayOf("text", triedDirectly.toArray());
			statement.setArray(1, excluded);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					attempts.add(attempt(settings.user(), rows.getString(1), rows.getBoolean(2), rows.getBoolean(3)));
				}
			}
		}
		return attempts;
	}

	private static IsolationReport.Attempt attempt(String user, String database, boolean mayConnect,
			boolean publicMayConnect) {
		if (!mayConnect) {
			return new IsolationReport.Attempt(database, "refused", user + " has no CONNECT privilege on " + database);
		}
		if (publicMayConnect) {
			return new IsolationReport.Attempt(database, "public", "CONNECT on " + database + " is granted to PUBLIC");
		}
		return new IsolationReport.Attempt(database, "granted", user + " holds CONNECT on " + database);
	}

}
