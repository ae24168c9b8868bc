package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool as the application sees it: fails fast while the database is known to be down
 * (a breaker fed by the health probe), lets callers already waiting for a connection go
 * as soon as the probe sees the database go away (instead of after
 * {@code DATABASE_POOL_TIMEOUT}), retires the connections the pool opened before an
 * outage once the database is back ({@link StorefrontPool#retireConnections()}), resizes
 * the pool's idle reserve on every borrow and return, and counts pool timeouts in the
 * pool's numbers.
 */
public class GuardedDataSource extends DelegatingDataSource {

	private final DatabaseAvailability availability;

	private final IdleReserve idleReserve;

	private final PoolMetadata metadata;

	private final ConnectionWaiters waiters = new ConnectionWaiters();

	public GuardedDataSource(StorefrontPool pool, DatabaseAvailability availability) {
		super(pool.dataSource());
		this.availability = availability;
		this.idleReserve = pool.idleReserve();
		this.metadata = pool.metadata();
		availability.onOutage(this.waiters::releaseAll);
		availability.onRecovery(pool::retireConnections);
	}

	@Override
	public Connection getConnection() throws SQLException {
		// Registered before the outage check: either this check sees an outage the probe
		// has just recorded, or the probe's release that follows its record sees this
		// waiter.
		ConnectionWaiters.Waiter waiter = this.waiters.enter();
		Connection connection;
		try {
			Optional<String> outage = this.availability.knownOutage();
			if (outage.isPresent()) {
				throw new DatabaseUnavailableException(outage.get());
			}
			connection = super.getConnection();
			if (CheckedBorrowing.active()) {
				connection = aliveOrReplaced(connection);
			}
		}
		catch (SQLException ex) {
			String released = waiter.leave();
			if (released != null) {
				throw new DatabaseUnavailableException(released);
			}
			if (ex instanceof SQLTransientConnectionException && !(ex instanceof DatabaseUnavailableException)) {
				this.metadata.connectionTimedOut();
			}
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			waiter.leave();
			throw ex;
		}
		// Let go just as the pool handed over a connection: the interrupt is cleared, the
		// connection is good to try, and a dead one fails its first statement like any
		// other.
		waiter.leave();
		this.idleReserve.adjust();
		return ReturnNotifyingConnection.wrap(connection, this.idleReserve::adjust);
	}

	/**
	 * {@code connection}, or another the pool hands over in place of it when the server
	 * no longer answers on it ({@link CheckedBorrowing}).
	 */
	private Connection aliveOrReplaced(Connection connection) throws SQLException {
		HikariDataSource pool = obtainTargetDataSource().unwrap(HikariDataSource.class);
		int seconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(pool.getValidationTimeout()));
		Connection borrowed = connection;
		for (int replaced = 0; replaced < pool.getMaximumPoolSize() && !borrowed.isValid(seconds); replaced++) {
			pool.evictConnection(borrowed);
			borrowed = super.getConnection();
		}
		return borrowed;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("the pool's credentials are fixed; use getConnection()");
	}

}
