package io.storefront.db.pool;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;

/**
 * Builds the service's one HikariCP pool from the contract's variables: size →
 * {@code minimumIdle} (kept at size minus the connections in use by {@link IdleReserve}),
 * size + overflow → {@code maximumPoolSize}, timeout → {@code connectionTimeout}, recycle
 * → {@code maxLifetime}. HikariCP validates a connection that has been idle before
 * handing it out, which is SQLAlchemy's pre-ping.
 */
public final class PoolFactory {

	private static final Duration SHORTEST_LEAK_DETECTION = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(PoolFactory.class);

	/**
	 * HikariCP's own default; disabled when connections are recycled sooner than that
	 * anyway.
	 */
	private static final Duration KEEPALIVE = Duration.ofMinutes(2);

	private static final Duration MAX_VALIDATION_TIMEOUT = Duration.ofSeconds(2);

	private PoolFactory() {
	}

	public static HikariDataSource open(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning) {
		return open(service, settings, tuning, (config) -> {
		});
	}

	/**
	 * {@code overrides} is applied after the contract's mapping, so it wins for what it
	 * sets (a user's {@code spring.datasource.hikari.*}); the log line says what the pool
	 * got.
	 */
	public static HikariDataSource open(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning,
			Consumer<HikariConfig> overrides) {
		HikariConfig config = configure(service, settings, tuning);
		overrides.accept(config);
		fitIdleTimeout(config, tuning.overflowIdleTimeout());
		LostConnectionEviction eviction = new LostConnectionEviction(service.name());
		config.setExceptionOverride(eviction);
		HikariDataSource pool = new HikariDataSource(config);
		eviction.attach(pool);
		PoolSettings sizes = sizesOf(pool);
		logger.atInfo()
			.addKeyValue("pool", service.name())
			.addKeyValue("pool_size", sizes.size())
			.addKeyValue("max_overflow", sizes.maxOverflow())
			.addKeyValue("maximum_pool_size", config.getMaximumPoolSize())
			.addKeyValue("timeout_ms", config.getConnectionTimeout())
			.addKeyValue("recycle_ms", config.getMaxLifetime())
			.log("{} - pool opened for {}: size={} max_overflow={} maximum={} timeout={}ms recycle={}ms",
					service.name(), settings.describe(), sizes.size(), sizes.maxOverflow(), config.getMaximumPoolSize(),
					config.getConnectionTimeout(), config.getMaxLifetime());
		return pool;
	}

	/**
	 * The sizes the pool runs with, in the contract's terms: a user's
	 * {@code spring.datasource.hikari.minimum-idle} takes the place of
	 * {@code DATABASE_POOL_SIZE} (the connections kept open) and its
	 * {@code maximum-pool-size} that of the size plus {@code DATABASE_MAX_OVERFLOW}. Read
	 * before the {@link IdleReserve} first moves {@code minimumIdle}.
	 */
	public static PoolSettings sizesOf(HikariDataSource pool) {
		int size = pool.getMinimumIdle();
		return new PoolSettings(size, Math.max(0, pool.getMaximumPoolSize() - size),
				Duration.ofMillis(pool.getConnectionTimeout()), Duration.ofMillis(pool.getMaxLifetime()));
	}

	public static void close(ServiceIdentity service, HikariDataSource pool) {
		int total = (pool.getHikariPoolMXBean() != null) ? pool.getHikariPoolMXBean().getTotalConnections() : 0;
		pool.close();
		logger.atInfo()
			.addKeyValue("pool", service.name())
			.addKeyValue("closed_connections", total)
			.log("{} - pool closed ({} connections closed)", service.name(), total);
	}

	/**
	 * The threshold, if HikariCP will use it: it switches leak detection off, with only a
	 * WARN, below 2 s or above the connections' lifetime. Checked again before the
	 * database is first tried, so that a bad value is said at once.
	 * @throws InvalidSettingException when HikariCP would ignore it
	 */
	public static Duration leakDetection(PoolSettings sizes, DatabaseTuning tuning) {
		Duration threshold = tuning.leakDetectionThreshold();
		boolean tooShort = threshold.isPositive() && threshold.compareTo(SHORTEST_LEAK_DETECTION) < 0;
		boolean tooLong = !sizes.recycle().isZero() && threshold.compareTo(sizes.recycle()) > 0;
		if (tooShort || tooLong) {
			throw new InvalidSettingException("storefront.db.leak-detection-threshold",
					"must be 0s (off), or from 2s (HikariCP's shortest) to DATABASE_POOL_RECYCLE, "
							+ seconds(sizes.recycle()) + " (got " + seconds(threshold) + ")");
		}
		return threshold;
	}

	/**
	 * In seconds, as the rule is written and the threshold usually given ({@code 10s}),
	 * with the fraction a value in milliseconds may have: {@code 1500ms} is {@code 1.5s}.
	 */
	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros()
			.toPlainString() + "s";
	}

	/**
	 * Switches the overflow idle timeout off where HikariCP would ignore it with a WARN
	 * at every start: a pool of fixed size has no overflow to retire, and connections
	 * recycled within a second of the timeout never sit idle that long. A user's own
	 * {@code spring.datasource.hikari.idle-timeout} is left as it is.
	 */
	static void fitIdleTimeout(HikariConfig config, Duration overflowIdleTimeout) {
		if (config.getIdleTimeout() != overflowIdleTimeout.toMillis()) {
			return;
		}
		boolean fixedSize = config.getMaximumPoolSize() <= config.getMinimumIdle();
		boolean recycledFirst = config.getMaxLifetime() > 0
				&& overflowIdleTimeout.plusSeconds(1).toMillis() > config.getMaxLifetime();
		if (fixedSize || recycledFirst) {
			config.setIdleTimeout(0);
		}
	}

	static HikariConfig configure(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning) {
		PoolSettings sizes = settings.pool();
		HikariConfig config = new HikariConfig();
		config.setPoolName(service.name());
		config.setJdbcUrl(settings.jdbcUrl());
		config.setUsername(settings.user());
		config.setPassword(settings.password());
		config.setDataSourceProperties(ConnectionProperties.forPool(settings, tuning, service.name()));
		config.setMinimumIdle(sizes.size());
		config.setMaximumPoolSize(sizes.maximumSize());
		config.setConnectionTimeout(sizes.timeout().toMillis());
		config.setValidationTimeout(Math.min(MAX_VALIDATION_TIMEOUT.toMillis(), sizes.timeout().toMillis()));
		config.setMaxLifetime(sizes.recycle().toMillis());
		config.setIdleTimeout(tuning.overflowIdleTimeout().toMillis());
		boolean recycledBeforeKeepalive = !sizes.recycle().isZero() && sizes.recycle().compareTo(KEEPALIVE) <= 0;
		config.setKeepaliveTime(recycledBeforeKeepalive ? 0 : KEEPALIVE.toMillis());
		config.setLeakDetectionThreshold(leakDetection(sizes, tuning).toMillis());
		// The start-up gate has already proved the database answers; the pool fills in
		// the background.
		config.setInitializationFailTimeout(-1);
		return config;
	}

}
