package io.storefront.db.pool;

import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.storefront.db.config.PoolSettings;

/**
 * Gives {@code DATABASE_POOL_SIZE} and {@code DATABASE_MAX_OVERFLOW} their SQLAlchemy
 * meaning, which is where the contract's variables come from: the pool keeps {@code size}
 * connections open, and overflow connections are opened only for callers that would
 * otherwise wait. HikariCP's {@code minimumIdle} counts idle connections instead, so with
 * 15 of a pool of 10 in use it would open 10 more to stand idle. Keeping
 * {@code minimumIdle} at {@code size} minus the connections in use makes the pool hold
 * {@code max(size, in use)} connections; idle overflow connections are then retired after
 * the overflow idle timeout.
 *
 * <p>
 * {@link #adjust()} runs after every borrow, so a burst never opens an idle reserve,
 * after every return, so connections idle for long are never retired below the pool size,
 * and on each tick of the background probing.
 */
public final class IdleReserve {

	private final HikariDataSource pool;

	private final int size;

	private final boolean fixedSize;

	/** Adjustments asked for since the running one started; 0 when none runs. */
	private final AtomicInteger requests = new AtomicInteger();

	public IdleReserve(HikariDataSource pool, PoolSettings settings) {
		this.pool = pool;
		this.size = settings.size();
		this.fixedSize = settings.maxOverflow() == 0;
	}

	/**
	 * Without a lock, because it runs on every borrow and return: callers that arrive
	 * while one adjusts leave a note instead of waiting, and the adjusting caller goes
	 * round once more for all the notes left meanwhile, so the pool's state after the
	 * last borrow or return is always the one counted.
	 */
	public void adjust() {
		if (this.fixedSize || this.requests.getAndIncrement() > 0) {
			return;
		}
		int asked = 1;
		do {
			HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
			if (bean != null) {
				int wanted = Math.max(0, this.size - bean.getActiveConnections());
				if (this.pool.getMinimumIdle() != wanted) {
					this.pool.getHikariConfigMXBean().setMinimumIdle(wanted);
				}
			}
		}
		while ((asked = this.requests.addAndGet(-asked)) != 0);
	}

}
