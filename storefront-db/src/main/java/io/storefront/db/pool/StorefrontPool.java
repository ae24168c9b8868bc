package io.storefront.db.pool;

import com.zaxxer.hikari.HikariDataSource;

import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;

/**
 * Owns the service's HikariCP pool, with its idle reserve and its numbers. Deliberately
 * not a {@code DataSource} bean itself: the application sees only the
 * {@link GuardedDataSource} around it, so there is exactly one {@code DataSource} for
 * Spring Boot to bind metrics to and inject.
 */
public final class StorefrontPool implements AutoCloseable {

	private final ServiceIdentity service;

	private final HikariDataSource dataSource;

	private final IdleReserve idleReserve;

	private final PoolMetadata metadata;

	public StorefrontPool(ServiceIdentity service, HikariDataSource dataSource, PoolSettings settings) {
		this.service = service;
		this.dataSource = dataSource;
		this.idleReserve = new IdleReserve(dataSource, settings);
		this.metadata = new PoolMetadata(dataSource, settings);
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	public IdleReserve idleReserve() {
		return this.idleReserve;
	}

	public PoolMetadata metadata() {
		return this.metadata;
	}

	@Override
	public void close() {
		PoolFactory.close(this.service, this.dataSource);
	}

}
