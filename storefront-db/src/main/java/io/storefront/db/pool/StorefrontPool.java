package io.storefront.db.pool;

import com.zaxxer.hikari.HikariDataSource;

import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;

/**
 * Owns the service's HikariCP pool, with its idle reserve and its numbers. Deliberately
 * not a {@code DataSource} bean itself: the application sees only the
 * {@link GuardedDataSource} around it, so there is exactly one {@code DataSource} for
 * Spring Boot to bind metrics to and inject.
 *
 * @param service whose pool it is
 * @param dataSource the pool
 * @param idleReserve what keeps {@code size} connections open and no idle overflow
 * @param metadata the pool's numbers in the contract's terms
 */
public record StorefrontPool(ServiceIdentity service, HikariDataSource dataSource, IdleReserve idleReserve,
		PoolMetadata metadata) implements AutoCloseable {

	public StorefrontPool(ServiceIdentity service, HikariDataSource dataSource, PoolSettings settings) {
		this(service, dataSource, new IdleReserve(dataSource, settings), new PoolMetadata(dataSource, settings));
	}

	@Override
	public void close() {
		PoolFactory.close(this.service, this.dataSource);
	}

}
