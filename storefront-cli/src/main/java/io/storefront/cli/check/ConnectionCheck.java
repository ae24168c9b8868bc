package io.storefront.cli.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.storefront.cli.DatabaseErrors;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;

/** Connects as the service would and reads what the server says about itself. */
final class ConnectionCheck {

	private ConnectionCheck() {
	}

	static ConnectionReport run(DatabaseSettings settings) {
		long start = System.nanoTime();
		try (Connection connection = ServiceConnections.open(settings, settings.database())) {
			double connectMs = millisSince(start);
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(10);
				long queryStart = System.nanoTime();
				try (ResultSet one = statement.executeQuery("SELECT 1")) {
					one.next();
				}
				double queryMs = millisSince(queryStart);
				try (ResultSet facts = statement.executeQuery("""
						SELECT current_setting('server_version'), current_database(), current_user,
						       current_setting('max_connections')::int,
						       current_setting('superuser_reserved_connections')::int
						         + coalesce(current_setting('reserved_connections', true)::int, 0)""")) {
					facts.next();
					return new ConnectionReport(true, null, false, connectMs, queryMs,
							"PostgreSQL " + facts.getString(1), facts.getString(2), facts.getString(3), facts.getInt(4),
							facts.getInt(5));
				}
			}
		}
		catch (SQLException ex) {
			if (settings.pooler() != DatabasePooler.NONE) {
				return PoolerFailure.report(settings, ex);
			}
			return DatabaseErrors.isUnreachable(ex) ? ConnectionReport.unreachable(DatabaseErrors.describe(ex))
					: ConnectionReport.failed(DatabaseErrors.describe(ex));
		}
	}

	private static double millisSince(long start) {
		return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
	}

}
