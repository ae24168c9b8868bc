package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;

/**
 * Compares the pool's maximum size with the connections PostgreSQL lets the service's
 * role open: {@code max_connections} less the reserved slots, and any
 * {@code CONNECTION LIMIT} on the role or the database (a superuser is held only by
 * {@code max_connections}). A pool larger than that fails under load with "too many
 * clients" while it takes the slots other services need, which is better said at
 * start-up. Only a warning: other instances and clients share the same limits, so no
 * number at start-up proves a pool fits, and an operator may raise the limit later.
 */
public final class ConnectionLimitCheck {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLimitCheck.class);

	private static final String LIMITS = """
			SELECT r.rolsuper,
			       current_setting('max_connections')::int,
			       current_setting('superuser_reserved_connections')::int
			         + coalesce(current_setting('reserved_connections', true)::int, 0),
			       r.rolconnlimit,
			       d.datconnlimit
			FROM pg_roles r, pg_database d
			WHERE r.rolname = current_user AND d.datname = current_database()
			""";

	private ConnectionLimitCheck() {
	}

	/**
	 * Logs a warning when the pool may open more connections than the server lets it. Not
	 * through PgBouncer, whose own limits stand between the pool and the server's.
	 * @param maximumPoolSize what the pool may open, the user's Hikari settings applied
	 */
	public static void warnIfTooLarge(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning,
			int maximumPoolSize) {
		if (settings.pooler() != DatabasePooler.NONE) {
			return;
		}
		// A connection of its own, as the start-up gate's: one borrowed from the pool
		// before it has filled would make the pool open an overflow connection.
		try (Connection connection = new Driver().connect(settings.jdbcUrl(),
				ConnectionProperties.forDirectConnection(settings, tuning, service.name()))) {
			problem(connection, maximumPoolSize).ifPresent((problem) -> logger.atWarn()
				.addKeyValue("pool", service.name())
				.log("{} - {}", service.name(), problem));
		}
		catch (SQLException ex) {
			logger.debug("{} - could not read the server's connection limits: {}", service.name(),
					SqlErrors.shortReason(ex));
		}
	}

	/**
	 * What is wrong, when a pool of {@code maximumPoolSize} may open more connections
	 * than the server lets the role of {@code connection} have.
	 * @throws SQLException when the limits cannot be read
	 */
	static Optional<String> problem(Connection connection, int maximumPoolSize) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(LIMITS)) {
			row.next();
			boolean superuser = row.getBoolean(1);
			int maxConnections = row.getInt(2);
			Limit limit = superuser ? new Limit(maxConnections, "max_connections " + maxConnections)
					: new Limit(maxConnections - row.getInt(3),
							"max_connections " + maxConnections + " less " + row.getInt(3) + " reserved")
						.lowest(row.getInt(4), "the role's CONNECTION LIMIT")
						.lowest(row.getInt(5), "the database's CONNECTION LIMIT");
			if (maximumPoolSize <= limit.connections()) {
				return Optional.empty();
			}
			return Optional.of("the pool may open " + maximumPoolSize + " connections, but PostgreSQL lets "
					+ connection.getMetaData().getUserName() + " have at most " + limit.connections() + " ("
					+ limit.reason() + "); under load the pool will fail with \"too many clients\": lower "
					+ "DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW, or raise the limit");
		}
	}

	private record Limit(int connections, String reason) {

		/** This limit, or {@code other} when that is set (0 or more) and lower. */
		Limit lowest(int other, String otherReason) {
			return (other >= 0 && other < this.connections) ? new Limit(other, otherReason + " " + other) : this;
		}

	}

}
