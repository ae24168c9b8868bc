package io.storefront.db.pool;

import com.zaxxer.hikari.HikariDataSource;

import io.storefront.db.config.ServiceIdentity;

/**
 * Owns the service's HikariCP pool. Deliberately not a {@code DataSource} bean itself: the
 * application sees only the {@link GuardedDataSource} around it, so there is exactly one
 * {@code DataSource} for Spring Boot to bind metrics to and inject.
 */
public final class StorefrontPool implements AutoCloseable {

	private final ServiceIdentity service;

	private final HikariDataSource dataSource;

	public StorefrontPool(ServiceIdentity service, HikariDataSource dataSource) {
		this.service = service;
		this.dataSource = dataSource;
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		PoolFactory.close(this.service, this.dataSource);
	}

}
