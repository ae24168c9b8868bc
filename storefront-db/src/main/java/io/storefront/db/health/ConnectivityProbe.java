package io.storefront.db.health;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.DatabaseAvailability;
import io.storefront.db.pool.SqlErrors;

/**
 * The database's health as {@code SELECT 1} sees it: any number of concurrent callers
 * share one in-flight probe on a connection of its own, under a hard time limit. The last
 * result is what {@link DatabaseAvailability} reports to the pool's guard, and each
 * outage found and each recovery is passed on to the listeners and to the
 * {@link HealthTransitionLog}.
 */
public class ConnectivityProbe implements DatabaseAvailability, AutoCloseable {

	private final ServiceIdentity service;

	private final DatabaseSettings settings;

	private final DatabaseTuning tuning;

	private final Clock clock;

	private final ProbeConnection connection;

	private final ExecutorService executor;

	private final SingleFlight<ProbeResult> flight;

	private final HealthTransitionLog transitions;

	private final List<Consumer<String>> outageListeners = new CopyOnWriteArrayList<>();

	private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();

	private volatile ProbeResult last;

	public ConnectivityProbe(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning, Clock clock) {
		this.service = service;
		this.settings = settings;
		this.tuning = tuning;
		this.clock = clock;
		this.connection = new ProbeConnection(service.monitorApplicationName(), settings, tuning);
		this.executor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name(service.name() + "-db-probe-", 0).factory());
		this.flight = new SingleFlight<>(this.executor);
		this.transitions = new HealthTransitionLog(service.name(), clock.instant());
		this.last = ProbeResult.reachable(clock.instant());
	}

	public ServiceIdentity service() {
		return this.service;
	}

	/** The database probed. */
	public DatabaseSettings settings() {
		return this.settings;
	}

	/**
	 * {@code SELECT 1} within the health time limit, shared with every concurrent caller.
	 * A probe that has not answered by then is a failed probe, recorded as one at once:
	 * behind PgBouncer a hung server holds the probe itself far longer (each attempt
	 * until its socket timeout), long enough for the last recorded failure to go stale.
	 */
	public ProbeResult check() {
		// Any other failure is the caller's, not the database's (a wait interrupted as
		// the monitor stops, a probe refused after close): answered, not recorded.
		return this.flight.joinWithin(this::probe, this.tuning.healthTimeout(), this::unanswered,
				(reason) -> ProbeResult.unreachable(reason, this.clock.instant()));
	}

	@Override
	public Optional<String> knownOutage() {
		ProbeResult result = this.last;
		if (result.reachable()) {
			return Optional.empty();
		}
		Duration age = Duration.between(result.at(), this.clock.instant());
		boolean fresh = age
			.compareTo(this.tuning.monitorInterval().multipliedBy(3).plus(this.tuning.healthTimeout())) < 0;
		return fresh ? Optional.of(result.error()) : Optional.empty();
	}

	@Override
	public void onOutage(Consumer<String> listener) {
		this.outageListeners.add(listener);
	}

	@Override
	public void onRecovery(Runnable listener) {
		this.recoveryListeners.add(listener);
	}

	private ProbeResult probe() {
		ProbeResult result;
		try {
			this.connection.use((connection) -> {
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
		return record(result);
	}

	private synchronized ProbeResult unanswered(String reason) {
		ProbeResult last = this.last;
		if (last.reachable()
				&& Duration.between(last.at(), this.clock.instant()).compareTo(this.tuning.healthTimeout()) < 0) {
			// Only the probe this caller waited for can have answered since it began to
			// wait: it did, just too late for this caller, and a false outage would stand
			// until the next probe.
			return last;
		}
		return record(ProbeResult.unreachable(reason, this.clock.instant()));
	}

	/**
	 * Serialized: callers giving up together and the probe finishing meanwhile record one
	 * after another, so a recovery's listeners never run amid an outage's record.
	 */
	private synchronized ProbeResult record(ProbeResult result) {
		if (result.reachable() && !this.last.reachable()) {
			// Before the result is recorded: until then callers are still refused.
			this.recoveryListeners.forEach(Runnable::run);
		}
		this.last = result;
		this.transitions.observe(result);
		if (!result.reachable()) {
			// After the result is recorded, so that a caller arriving now either sees the
			// outage or is released.
			String reason = result.error();
			this.outageListeners.forEach((listener) -> listener.accept(reason));
		}
		return result;
	}

	@Override
	public void close() {
		this.connection.close();
		this.executor.shutdownNow();
	}

}
