package io.storefront.db.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

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

	/**
	 * @param dataSource the pool, as {@link PoolFactory} opened it: its sizes, a user's
	 * HikariCP settings included, are read from it
	 */
	public StorefrontPool(ServiceIdentity service, HikariDataSource dataSource) {
		this(service, dataSource, PoolFactory.sizesOf(dataSource));
	}

	private StorefrontPool(ServiceIdentity service, HikariDataSource dataSource, PoolSettings sizes) {
		this(service, dataSource, new IdleReserve(dataSource, sizes), new PoolMetadata(dataSource, sizes));
	}

	/**
	 * Closes every connection the pool holds (idle ones now, busy ones when given back);
	 * new ones are opened as needed. For when the database answers again after an outage:
	 * what cut the probe off has most likely cut these too, and HikariCP hands out a
	 * connection used within the last half second without checking it, so a request right
	 * after a short outage could otherwise be given a dead one. Not at the outage itself:
	 * an empty pool would keep HikariCP trying to open connections with a back-off of up
	 * to 5 s, which the first requests after the recovery would wait out.
	 */
	public void retireConnections() {
		HikariPoolMXBean bean = this.dataSource.getHikariPoolMXBean();
		if (bean != null) {
			bean.softEvictConnections();
		}
	}

	@Override
	public void close() {
		PoolFactory.close(this.service, this.dataSource);
	}

}
