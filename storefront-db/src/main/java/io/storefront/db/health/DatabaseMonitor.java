package io.storefront.db.health;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.DatabaseAvailability;
import io.storefront.db.pool.IdleReserve;
import io.storefront.db.pool.SqlErrors;

/**
 * Watches one service's database and pool: answers health probes (any number of concurrent probes
 * share one in-flight {@code SELECT 1} on the monitor's own connection, under a hard time limit),
 * runs the detailed operation tests (on a second connection of its own, opened on first use), reads
 * the pool's numbers, probes in the background so that an outage is noticed without traffic, keeps
 * the pool's idle reserve at pool size (see {@link IdleReserve}), and logs health changes and pool
 * pressure.
 */
public class DatabaseMonitor implements DatabaseAvailability, SmartLifecycle, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseMonitor.class);

	/** Detailed results younger than this are shared, so a burst of detailed probes costs one run. */
	private static final Duration OPERATION_REPORT_REUSE = Duration.ofSeconds(1);

	private final ServiceIdentity service;

	private final DatabaseSettings settings;

	private final DatabaseTuning tuning;

	private final HikariDataSource pool;

	private final Clock clock;

	private final ProbeConnection probe;

	private final ProbeConnection detailsConnection;

	private final OperationTests operationTests;

	private final ExecutorService probeExecutor;

	private final SingleFlight<ProbeResult> connectivityFlight;

	private final SingleFlight<OperationReport> operationsFlight;

	private final HealthTransitionLog transitions;

	private final PoolPressureLog pressure;

	private final IdleReserve idleReserve;

	private final AtomicLong connectionTimeouts = new AtomicLong();

	private final List<Consumer<String>> outageListeners = new CopyOnWriteArrayList<>();

	private volatile ProbeResult lastProbe;

	private volatile OperationReport lastOperations;

	private ScheduledExecutorService scheduler;

	public DatabaseMonitor(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning,
			HikariDataSource pool, Clock clock) {
		this.service = service;
		this.settings = settings;
		this.tuning = tuning;
		this.pool = pool;
		this.clock = clock;
		this.probe = new ProbeConnection(service.monitorApplicationName(), settings, tuning);
		// The detailed tests get a connection of their own, so that they never hold up a /health probe.
		this.detailsConnection = new ProbeConnection(OperationTests.applicationName(service), settings, tuning);
		this.operationTests = new OperationTests(service, this.detailsConnection, clock);
		this.probeExecutor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name(service.name() + "-db-probe-", 0).factory());
		this.connectivityFlight = new SingleFlight<>(this.probeExecutor);
		this.operationsFlight = new SingleFlight<>(this.probeExecutor);
		this.transitions = new HealthTransitionLog(service.name(), clock.instant());
		this.pressure = new PoolPressureLog(service.name());
		this.idleReserve = new IdleReserve(pool, settings.pool());
		this.lastProbe = ProbeResult.reachable(clock.instant());
	}

	public ServiceIdentity service() {
		return this.service;
	}

	public DatabaseSettings settings() {
		return this.settings;
	}

	/** {@code SELECT 1} within the health time limit, shared with every concurrent caller. */
	public ProbeResult checkConnectivity() {
		return await(this.connectivityFlight.join(this::probeConnectivity), this.tuning.healthTimeout(),
				(reason) -> ProbeResult.unreachable(reason, this.clock.instant()));
	}

	/** The operation tests and server facts, at most {@link #OPERATION_REPORT_REUSE} old. */
	public OperationReport operationReport() {
		OperationReport recent = this.lastOperations;
		if (recent != null && Duration.between(recent.at(), this.clock.instant()).compareTo(OPERATION_REPORT_REUSE) < 0) {
			return recent;
		}
		return await(this.operationsFlight.join(this::runOperationTests), this.tuning.healthTimeout().multipliedBy(2),
				(reason) -> new OperationReport(false, false, false, false, OperationReport.ServerInfo.UNKNOWN,
						java.util.Map.of("connection_test", reason), this.clock.instant()));
	}

	public PoolSnapshot poolSnapshot() {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		int size = this.settings.pool().size();
		int overflow = this.settings.pool().maxOverflow();
		if (bean == null) {
			return new PoolSnapshot(size, overflow, 0, 0, 0, 0, this.connectionTimeouts.get());
		}
		// One reading of the total; in use is clamped to it and idle derived from both. Counting in-use and
		// idle connections one after the other counts a connection that changes hands in between twice.
		int total = bean.getTotalConnections();
		int active = Math.min(bean.getActiveConnections(), total);
		return new PoolSnapshot(size, overflow, total - active, active, total, bean.getThreadsAwaitingConnection(),
				this.connectionTimeouts.get());
	}

	@Override
	public Optional<String> knownOutage() {
		ProbeResult last = this.lastProbe;
		if (last.reachable()) {
			return Optional.empty();
		}
		Duration age = Duration.between(last.at(), this.clock.instant());
		boolean fresh = age.compareTo(this.tuning.monitorInterval().multipliedBy(3).plus(this.tuning.healthTimeout())) < 0;
		return fresh ? Optional.of(last.error()) : Optional.empty();
	}

	@Override
	public void connectionTimedOut() {
		this.connectionTimeouts.incrementAndGet();
	}

	@Override
	public void connectionBorrowed() {
		this.idleReserve.adjust();
	}

	@Override
	public void connectionReturned() {
		this.idleReserve.adjust();
	}

	@Override
	public void onOutage(Consumer<String> listener) {
		this.outageListeners.add(listener);
	}

	private ProbeResult probeConnectivity() {
		ProbeResult result;
		try {
			this.probe.use((connection) -> {
				try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
					try (ResultSet row = statement.executeQuery()) {
						row.next();
						return row.getInt(1);
					}
				}
			});
			result = ProbeResult.reachable(this.clock.instant());
		}
		catch (Exception ex) {
			result = ProbeResult.unreachable(SqlErrors.shortReason(ex), this.clock.instant());
		}
		this.lastProbe = result;
		this.transitions.observe(result);
		if (!result.reachable()) {
			// After lastProbe is written, so that a caller arriving now either sees the outage or is released.
			String reason = result.error();
			this.outageListeners.forEach((listener) -> listener.accept(reason));
		}
		return result;
	}

	private OperationReport runOperationTests() {
		OperationReport report = this.operationTests.run();
		this.lastOperations = report;
		return report;
	}

	private <T> T await(java.util.concurrent.CompletableFuture<T> flight, Duration limit,
			java.util.function.Function<String, T> onFailure) {
		try {
			return flight.get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return onFailure.apply("no answer within " + limit.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return onFailure.apply(SqlErrors.shortReason(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return onFailure.apply("interrupted");
		}
	}

	private void tick() {
		try {
			this.idleReserve.adjust();
			checkConnectivity();
			this.pressure.observe(poolSnapshot(), this.clock.instant());
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

	/** Phase 0: starts before the web server and stops only after it has drained its requests. */
	@Override
	public int getPhase() {
		return 0;
	}

	@Override
	public void close() {
		stop();
		this.probe.close();
		this.detailsConnection.close();
		this.probeExecutor.shutdownNow();
	}

}
