package io.storefront.db.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;

/**
 * The detailed health: {@link OperationTests} on a connection of their own, so that they
 * never hold up a light probe, run at most once at a time and under twice the health time
 * limit.
 */
public class OperationReports implements AutoCloseable {

	/**
	 * Results younger than this are shared, so a burst of detailed probes costs one run.
	 */
	private static final Duration REUSE = Duration.ofSeconds(1);

	private final Duration limit;

	private final Clock clock;

	private final ProbeConnection connection;

	private final OperationTests tests;

	private final ExecutorService executor;

	private final SingleFlight<OperationReport> flight;

	private volatile OperationReport last;

	public OperationReports(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning, Clock clock) {
		this.limit = tuning.healthTimeout().multipliedBy(2);
		this.clock = clock;
		this.connection = new ProbeConnection(OperationTests.applicationName(service), settings, tuning);
		this.tests = new OperationTests(service, this.connection, clock);
		this.executor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name(service.name() + "-db-details-", 0).factory());
		this.flight = new SingleFlight<>(this.executor);
	}

	/** The operation tests and server facts, at most {@link #REUSE} old. */
	public OperationReport current() {
		OperationReport recent = this.last;
		if (recent != null && Duration.between(recent.at(), this.clock.instant()).compareTo(REUSE) < 0) {
			return recent;
		}
		return this.flight.joinWithin(this::run, this.limit, (reason) -> new OperationReport(false, false, false, false,
				OperationReport.ServerInfo.UNKNOWN, Map.of("connection_test", reason), this.clock.instant()));
	}

	private OperationReport run() {
		OperationReport report = this.tests.run();
		this.last = report;
		return report;
	}

	@Override
	public void close() {
		this.connection.close();
		this.executor.shutdownNow();
	}

}
