package io.storefront.db.pool;

import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.storefront.db.config.PoolSettings;

/**
 * The pool's numbers in the contract's terms, read from HikariCP, and the count of
 * callers that gave up waiting for a connection, which HikariCP does not keep.
 */
public final class PoolMetadata {

	private final HikariDataSource pool;

	private final PoolSettings settings;

	private final AtomicLong connectionTimeouts = new AtomicLong();

	PoolMetadata(HikariDataSource pool, PoolSettings settings) {
		this.pool = pool;
		this.settings = settings;
	}

	public PoolSnapshot snapshot() {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		int size = this.settings.size();
		int overflow = this.settings.maxOverflow();
		if (bean == null) {
			return new PoolSnapshot(size, overflow, 0, 0, 0, 0, this.connectionTimeouts.get());
		}
		// One reading of the total; in use is clamped to it and idle derived from both.
		// Counting in-use and idle connections one after the other counts a connection
		// that changes hands in between twice.
		int total = bean.getTotalConnections();
		int active = Math.min(bean.getActiveConnections(), total);
		return new PoolSnapshot(size, overflow, total - active, active, total, bean.getThreadsAwaitingConnection(),
				this.connectionTimeouts.get());
	}

	void connectionTimedOut() {
		this.connectionTimeouts.incrementAndGet();
	}

}
