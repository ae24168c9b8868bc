package io.storefront.db.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.storefront.db.config.PoolSettings;

/**
 * Gives {@code DATABASE_POOL_SIZE} and {@code DATABASE_MAX_OVERFLOW} their SQLAlchemy meaning, which is
 * where the contract's variables come from: the pool keeps {@code size} connections open, and overflow
 * connections are opened only for callers that would otherwise wait. HikariCP's {@code minimumIdle}
 * counts idle connections instead, so with 15 of a pool of 10 in use it would open 10 more to stand
 * idle. Keeping {@code minimumIdle} at {@code size} minus the connections in use makes the pool hold
 * {@code max(size, in use)} connections; idle overflow connections are then retired after the
 * overflow idle timeout as before.
 *
 * <p>{@link #adjust()} runs after every borrow, so a burst never opens an idle reserve, after every
 * return, so connections idle for long are never retired below the pool size, and on the monitor's
 * tick.
 */
public final class IdleReserve {

	private final HikariDataSource pool;

	private final int size;

	private final boolean fixedSize;

	public IdleReserve(HikariDataSource pool, PoolSettings settings) {
		this.pool = pool;
		this.size = settings.size();
		this.fixedSize = settings.maxOverflow() == 0;
	}

	/** Serialized, so the adjustment after the latest borrow or return is the one that stays. */
	public synchronized void adjust() {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		if (this.fixedSize || bean == null) {
			return;
		}
		int wanted = Math.max(0, this.size - bean.getActiveConnections());
		if (this.pool.getMinimumIdle() != wanted) {
			this.pool.getHikariConfigMXBean().setMinimumIdle(wanted);
		}
	}

}
