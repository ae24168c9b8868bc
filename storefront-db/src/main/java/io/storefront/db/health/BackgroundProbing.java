package io.storefront.db.health;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.SqlErrors;
import io.storefront.db.pool.StorefrontPool;

/**
 * Probes the database every {@code storefront.db.monitor-interval}, so that an outage is
 * noticed without traffic, and on each tick resizes the pool's idle reserve and hands the
 * pool's numbers to the {@link PoolPressureLog}.
 */
public class BackgroundProbing implements SmartLifecycle, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundProbing.class);

	private final ServiceIdentity service;

	private final DatabaseTuning tuning;

	private final ConnectivityProbe probe;

	private final StorefrontPool pool;

	private final Clock clock;

	private final PoolPressureLog pressure;

	private ScheduledExecutorService scheduler;

	public BackgroundProbing(ServiceIdentity service, DatabaseTuning tuning, ConnectivityProbe probe,
			StorefrontPool pool, Clock clock) {
		this.service = service;
		this.tuning = tuning;
		this.probe = probe;
		this.pool = pool;
		this.clock = clock;
		this.pressure = new PoolPressureLog(service.name());
	}

	private void tick() {
		try {
			this.pool.idleReserve().adjust();
			this.probe.check();
			this.pressure.observe(this.pool.metadata().snapshot(), this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.atWarn()
				.addKeyValue("pool", this.service.name())
				.log("{} - monitor tick failed: {}", this.service.name(), SqlErrors.shortReason(ex));
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name(this.service.name() + "-db-monitor").daemon().factory());
		long interval = this.tuning.monitorInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Phase 0: starts before the web server and stops only after it has drained its
	 * requests.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

	@Override
	public void close() {
		stop();
	}

}
