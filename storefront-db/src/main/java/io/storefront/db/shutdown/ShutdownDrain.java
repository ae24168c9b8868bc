package io.storefront.db.shutdown;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a stopping service does (contract section 7): {@code /health/ready}
 * answers 503 and the service keeps serving for the drain period, so that a load balancer
 * or Kubernetes following readiness stops sending it requests; only then does the web
 * server's graceful shutdown (a later phase, bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}) finish the requests in flight and
 * stop listening.
 *
 * <p>
 * Started last and so stopped first. The drain runs in {@link #stop()} itself: the phase
 * timeout does not cut it short, so a process manager must allow the drain period plus
 * the phase timeout.
 */
public final class ShutdownDrain implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownDrain.class);

	private final Duration drainPeriod;

	private final ApplicationEventPublisher events;

	private volatile boolean running;

	private volatile boolean draining;

	public ShutdownDrain(ShutdownSettings settings, ApplicationEventPublisher events) {
		this.drainPeriod = settings.drainPeriod();
		this.events = events;
	}

	/**
	 * Whether the service is stopping: {@code /health/ready} answers 503 from then on.
	 */
	public boolean draining() {
		return this.draining;
	}

	/**
	 * Also called when a stopped context starts again (Spring's test context cache pauses
	 * the contexts it is not using): from then on it serves, and is ready, again.
	 */
	@Override
	public void start() {
		if (this.draining) {
			this.draining = false;
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.draining = true;
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		if (!this.drainPeriod.isZero()) {
			drain();
		}
		this.running = false;
	}

	private void drain() {
		String period = text(this.drainPeriod);
		logger.info("draining: /health/ready answers 503 for {}, then in-flight requests finish", period);
		try {
			Thread.sleep(this.drainPeriod);
			logger.info("drained after {}: finishing in-flight requests and stopping", period);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.info("drain interrupted: finishing in-flight requests and stopping");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	private static String text(Duration duration) {
		return (duration.toMillisPart() == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
