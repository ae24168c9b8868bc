package io.storefront.db.config;

import java.time.Duration;

/**
 * The pool variables of contract section 2 in HikariCP's terms: {@code size} connections
 * kept open, up to {@code size + maxOverflow} under load, a request waits at most
 * {@code timeout} for one, and each connection is replaced after {@code recycle}
 * ({@link Duration#ZERO} = never).
 */
public record PoolSettings(int size, int maxOverflow, Duration timeout, Duration recycle) {

	public int maximumSize() {
		return this.size + this.maxOverflow;
	}

}
