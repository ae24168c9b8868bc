package io.storefront.db.pool;

/**
 * The pool's numbers at one instant, in the contract's terms: {@code checkedOut} in use,
 * {@code checkedIn} idle, {@code total} open, {@code overflow} = max(0, total −
 * poolSize).
 */
public record PoolSnapshot(int poolSize, int maxOverflow, int checkedIn, int checkedOut, int total,
		int threadsAwaitingConnection, long connectionTimeouts) {

	public int overflow() {
		return Math.max(0, this.total - this.poolSize);
	}

	public int maximumPoolSize() {
		return this.poolSize + this.maxOverflow;
	}

}
