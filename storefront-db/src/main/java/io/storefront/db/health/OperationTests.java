package io.storefront.db.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.SqlErrors;

/**
 * The detailed probe, run on a monitor connection of its own (named
 * {@link #applicationName}). Each test runs in a transaction of its own that is rolled
 * back, under a time limit set for that transaction only: the write and transaction tests
 * work on a temporary table dropped with it, so they leave nothing behind, in the
 * database or in the server session (which behind PgBouncer the next client inherits),
 * and need no privilege on business tables (only {@code TEMPORARY} on the database).
 *
 * @param service whose database is tested
 * @param probe the monitor connection the tests run on
 * @param clock what dates the reports
 */
record OperationTests(ServiceIdentity service, ProbeConnection probe, Clock clock) {

	/**
	 * Other roles' sessions show their {@code backend_type} only to members of
	 * {@code pg_read_all_stats}, which a service role is not; {@code usesysid} is shown
	 * to everyone and set only for sessions that logged in as a role (client backends,
	 * and the rare wal sender or background worker), so it counts every client's
	 * connections, not just the service's own.
	 */
	private static final String SERVER_INFO = """
			SELECT current_setting('server_version'),
			       current_database(),
			       (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()),
			       (SELECT count(*) FROM pg_stat_activity WHERE application_name IN (?, ?, ?)),
			       (SELECT count(*) FROM pg_stat_activity WHERE usesysid IS NOT NULL),
			       current_setting('max_connections')::int,
			       current_setting('superuser_reserved_connections')::int
			         + coalesce(current_setting('reserved_connections', true)::int, 0)
			""";

	/**
	 * Name shown in {@code pg_stat_activity.application_name} for the connection the
	 * tests run on.
	 */
	static String applicationName(ServiceIdentity service) {
		return service.monitorApplicationName() + "-details";
	}

	OperationReport run() {
		try {
			// A fresh map per attempt: the probe connection may run the work twice (see
			// ProbeConnection).
			return this.probe.use((connection) -> runOn(connection, new LinkedHashMap<>()));
		}
		catch (SQLException | RuntimeException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			errors.put("connection_test", SqlErrors.shortReason(ex));
			return new OperationReport(false, false, false, false, OperationReport.ServerInfo.UNKNOWN, errors,
					this.clock.instant());
		}
	}

	private OperationReport runOn(Connection connection, Map<String, String> errors) throws SQLException {
		OperationReport.ServerInfo[] server = { OperationReport.ServerInfo.UNKNOWN };
		boolean read = test("read_test", errors, connection, (inTransaction) -> server[0] = serverInfo(inTransaction));
		boolean write = test("write_test", errors, connection, OperationTests::writeAndRollBack);
		boolean transaction = test("transaction_test", errors, connection, OperationTests::savepointRoundTrip);
		if (!connection.isValid(1)) {
			throw new SQLException("connection lost during the operation tests", "08006");
		}
		return new OperationReport(true, read, write, transaction, server[0], errors, this.clock.instant());
	}

	private OperationReport.ServerInfo serverInfo(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SERVER_INFO)) {
			statement.setString(1, this.service.name());
			statement.setString(2, this.service.monitorApplicationName());
			statement.setString(3, applicationName(this.service));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return new OperationReport.ServerInfo("PostgreSQL " + row.getString(1), row.getString(2), row.getInt(3),
						row.getInt(4), row.getInt(5), row.getInt(6), row.getInt(7));
			}
		}
	}

	private static void writeAndRollBack(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TEMPORARY TABLE storefront_health_probe (probe integer) ON COMMIT DROP");
			statement.executeUpdate("INSERT INTO storefront_health_probe (probe) VALUES (1)");
			try (ResultSet row = statement.executeQuery("SELECT probe FROM storefront_health_probe")) {
				if (!row.next() || row.getInt(1) != 1) {
					throw new SQLException("the row written was not read back");
				}
			}
		}
	}

	private static void savepointRoundTrip(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SAVEPOINT storefront_health_probe");
			statement.execute("SELECT 1");
			statement.execute("ROLLBACK TO SAVEPOINT storefront_health_probe");
			statement.execute("RELEASE SAVEPOINT storefront_health_probe");
		}
	}

	private interface InTransaction {

		void run(Connection connection) throws SQLException;

	}

	/** Runs {@code work} in a time-limited transaction that is always rolled back. */
	private boolean test(String name, Map<String, String> errors, Connection connection, InTransaction work)
			throws SQLException {
		connection.setAutoCommit(false);
		try {
			this.probe.limitTransaction(connection);
			work.run(connection);
			return true;
		}
		catch (SQLException ex) {
			errors.put(name, SqlErrors.shortReason(ex));
			return false;
		}
		finally {
			rollbackQuietly(connection);
			connection.setAutoCommit(true);
		}
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			// A broken connection is caught by the isValid check that follows.
		}
	}

}
