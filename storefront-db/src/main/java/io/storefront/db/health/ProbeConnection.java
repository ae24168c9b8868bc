package io.storefront.db.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import org.postgresql.Driver;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.pool.ConnectionProperties;
import io.storefront.db.pool.SqlErrors;

/**
 * A connection of the monitor's own, kept outside the pool so that a saturated pool
 * (which is not a dead database) never delays a health probe. It is opened on first use,
 * closed after any failure and opened again by the next probe; its socket timeout bounds
 * every probe. When a connection turns out to have been dropped by the server, the probe
 * is repeated on a fresh connection (up to {@link #MAX_ATTEMPTS} in all), so a killed
 * monitor session is not mistaken for an unreachable database; one the server refuses to
 * open is.
 *
 * <p>
 * It leaves nothing in the server session: behind PgBouncer in transaction mode (contract
 * section 7) the next client of the same server session would inherit it. Work that needs
 * a server-side time limit sets it for its own transaction ({@link #limitTransaction}); a
 * lone {@code SELECT 1} needs none, its socket timeout bounds it.
 */
final class ProbeConnection implements AutoCloseable {

	interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

	/**
	 * A kept connection found dead, then a fresh one killed by the same sweep, then one
	 * more.
	 */
	private static final int MAX_ATTEMPTS = 3;

	/** {@code admin_shutdown}: "terminating connection due to administrator command". */
	private static final String ADMIN_SHUTDOWN = "57P01";

	private final DatabaseSettings settings;

	private final Properties properties;

	private final long statementTimeoutMillis;

	private final ReentrantLock lock = new ReentrantLock();

	private Connection connection;

	private volatile boolean closed;

	ProbeConnection(String applicationName, DatabaseSettings settings, DatabaseTuning tuning) {
		this.settings = settings;
		this.statementTimeoutMillis = tuning.healthTimeout().toMillis();
		this.properties = ConnectionProperties.forProbe(settings, tuning, applicationName);
	}

	<T> T use(Work<T> work) throws SQLException {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new SQLException("the monitor is shut down", "08003");
			}
			for (int attempt = 1;; attempt++) {
				boolean connected = this.connection != null;
				try {
					if (!connected) {
						this.connection = new Driver().connect(this.settings.jdbcUrl(), this.properties);
						connected = true;
					}
					return work.run(this.connection);
				}
				catch (SQLException ex) {
					discard();
					if (!droppedByTheServer(ex, connected) || attempt == MAX_ATTEMPTS) {
						throw ex;
					}
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			discard();
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the server dropped a session it had accepted ({@code pg_terminate_backend},
	 * an idle timeout), which says nothing about whether the database answers now: lost
	 * after it was opened, or terminated by an administrator even while it was being
	 * opened (the same sweep that killed the kept connection can catch its replacement).
	 * A connection that could not be opened at all is an answer, and a database that is
	 * really going away refuses the next one at once.
	 */
	private static boolean droppedByTheServer(SQLException ex, boolean connected) {
		return (connected && SqlErrors.isConnectionLost(ex)) || ADMIN_SHUTDOWN.equals(ex.getSQLState());
	}

	/**
	 * A server-side limit on every statement of the transaction {@code connection} is in
	 * (auto-commit off): a per-statement query timeout would cost a timer task on every
	 * statement.
	 */
	void limitTransaction(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL statement_timeout = " + this.statementTimeoutMillis);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.lock.lock();
		try {
			discard();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void discard() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// The connection is broken already; nothing to do but forget it.
			}
			this.connection = null;
		}
	}

}
