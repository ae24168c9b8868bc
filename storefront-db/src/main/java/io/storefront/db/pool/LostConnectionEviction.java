package io.storefront.db.pool;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one pooled connection turns out to be dead, retires all of them, as SQLAlchemy
 * invalidates its pool on a disconnect. A connection the server dropped
 * ({@code pg_terminate_backend}, a restart, a failover, an idle timeout) is only found
 * out when it is next used, and HikariCP does not check a connection used within the last
 * half second before handing it out again; whatever dropped one has usually dropped the
 * others, so without this a request started after the kill could still be given a dead
 * connection. HikariCP evicts the broken connection itself; this soft-evicts the rest:
 * idle ones are closed at once, ones in use when they are given back, and new ones are
 * opened as needed.
 *
 * <p>
 * Runs only when a statement fails (HikariCP asks every {@link SQLExceptionOverride}
 * then), never on the way to a connection. The failures that follow one kill arrive
 * within milliseconds and are all covered by the first eviction (connections in use then
 * are closed when given back), so another pool-wide eviction within
 * {@link #MIN_INTERVAL_NANOS} (100 ms) would only close connections just opened; a kill
 * later than that is a new one and evicts again.
 */
final class LostConnectionEviction implements SQLExceptionOverride {

	private static final Logger logger = LoggerFactory.getLogger(LostConnectionEviction.class);

	static final long MIN_INTERVAL_NANOS = 100_000_000L;

	private final String poolName;

	private final ReentrantLock lock = new ReentrantLock();

	/** When the last pool-wide eviction finished (nanoTime); guarded by {@link #lock}. */
	private long lastEviction = System.nanoTime() - MIN_INTERVAL_NANOS;

	private volatile HikariDataSource pool;

	LostConnectionEviction(String poolName) {
		this.poolName = poolName;
	}

	/**
	 * The pool to evict from; it is built from the configuration that holds this
	 * override.
	 */
	void attach(HikariDataSource pool) {
		this.pool = pool;
	}

	@java.lang.Override // SQLExceptionOverride.Override hides the annotation's simple
						// name here
	public SQLExceptionOverride.Override adjudicate(SQLException ex) {
		if (SqlErrors.isConnectionLostState(ex.getSQLState())) {
			evictAll(ex);
		}
		// HikariCP's own rules still decide about the connection that failed (class 08
		// and 57P0x: evicted).
		return SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

	/**
	 * Under a lock, so that a request whose connection failed while another request's
	 * eviction is under way waits for it to finish before it borrows again (its retry
	 * must not pick a dead connection the eviction has not reached yet).
	 */
	private void evictAll(SQLException ex) {
		HikariDataSource target = this.pool;
		HikariPoolMXBean bean = (target != null) ? target.getHikariPoolMXBean() : null;
		if (bean == null) {
			return;
		}
		this.lock.lock();
		try {
			if (System.nanoTime() - this.lastEviction < MIN_INTERVAL_NANOS) {
				return;
			}
			int total = bean.getTotalConnections();
			bean.softEvictConnections();
			this.lastEviction = System.nanoTime();
			logger.atWarn()
				.addKeyValue("pool", this.poolName)
				.addKeyValue("sql_state", ex.getSQLState())
				.addKeyValue("retired_connections", total)
				.log("{} - a pooled connection was lost (SQLSTATE {}: {}); retiring all {} connections so that no "
						+ "request is handed another dead one", this.poolName, ex.getSQLState(),
						SqlErrors.shortReason(ex), total);
		}
		finally {
			this.lock.unlock();
		}
	}

}
