package io.storefront.db.health;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each change between reachable and unreachable once, not once per probe or request.
 */
final class HealthTransitionLog {

	private static final Logger logger = LoggerFactory.getLogger(HealthTransitionLog.class);

	private final String pool;

	private boolean reachable = true;

	private Instant since;

	HealthTransitionLog(String pool, Instant start) {
		this.pool = pool;
		this.since = start;
	}

	synchronized void observe(ProbeResult result) {
		if (result.reachable() == this.reachable) {
			return;
		}
		Duration lasted = Duration.between(this.since, result.at());
		this.reachable = result.reachable();
		this.since = result.at();
		if (result.reachable()) {
			logger.atInfo()
				.addKeyValue("pool", this.pool)
				.addKeyValue("health", "healthy")
				.addKeyValue("outage_ms", lasted.toMillis())
				.log("{} - database healthy again after {} ms unreachable", this.pool, lasted.toMillis());
		}
		else {
			logger.atError()
				.addKeyValue("pool", this.pool)
				.addKeyValue("health", "unhealthy")
				.addKeyValue("reason", result.error())
				.log("{} - database unhealthy: {}", this.pool, result.error());
		}
	}

}
