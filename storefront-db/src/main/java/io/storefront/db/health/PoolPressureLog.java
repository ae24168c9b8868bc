package io.storefront.db.health;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.db.pool.PoolSnapshot;

/**
 * Reports pool pressure from the periodic snapshots of {@link BackgroundProbing}: threads
 * waiting for a connection or requests that timed out start an episode (logged at once,
 * then every {@link #REPEAT} while it lasts, then its end); overflow connections are
 * logged when they open and when all are retired.
 */
final class PoolPressureLog {

	private static final Logger logger = LoggerFactory.getLogger(PoolPressureLog.class);

	static final Duration REPEAT = Duration.ofSeconds(10);

	private final String pool;

	private long lastTimeouts;

	private boolean underPressure;

	private Instant episodeStart;

	private Instant lastReport;

	private int worstWaiting;

	private long episodeTimeouts;

	private boolean overflowInUse;

	PoolPressureLog(String pool) {
		this.pool = pool;
	}

	synchronized void observe(PoolSnapshot snapshot, Instant now) {
		long newTimeouts = snapshot.connectionTimeouts() - this.lastTimeouts;
		this.lastTimeouts = snapshot.connectionTimeouts();
		boolean pressed = snapshot.threadsAwaitingConnection() > 0 || newTimeouts > 0;
		if (pressed) {
			this.worstWaiting = this.underPressure ? Math.max(this.worstWaiting, snapshot.threadsAwaitingConnection())
					: snapshot.threadsAwaitingConnection();
			this.episodeTimeouts = (this.underPressure ? this.episodeTimeouts : 0) + newTimeouts;
			if (!this.underPressure || Duration.between(this.lastReport, now).compareTo(REPEAT) >= 0) {
				reportPressure(snapshot, newTimeouts);
				this.lastReport = now;
			}
			if (!this.underPressure) {
				this.underPressure = true;
				this.episodeStart = now;
			}
		}
		else if (this.underPressure) {
			this.underPressure = false;
			logger.atInfo()
				.addKeyValue("pool", this.pool)
				.addKeyValue("duration_ms", Duration.between(this.episodeStart, now).toMillis())
				.addKeyValue("max_threads_awaiting_connection", this.worstWaiting)
				.addKeyValue("connection_timeouts", this.episodeTimeouts)
				.log("{} - pool pressure over after {} ms (at most {} waiting, {} timed out)", this.pool,
						Duration.between(this.episodeStart, now).toMillis(), this.worstWaiting, this.episodeTimeouts);
		}
		observeOverflow(snapshot);
	}

	private void reportPressure(PoolSnapshot snapshot, long newTimeouts) {
		logger.atWarn()
			.addKeyValue("pool", this.pool)
			.addKeyValue("threads_awaiting_connection", snapshot.threadsAwaitingConnection())
			.addKeyValue("checked_out_connections", snapshot.checkedOut())
			.addKeyValue("total_connections", snapshot.total())
			.addKeyValue("maximum_pool_size", snapshot.maximumPoolSize())
			.addKeyValue("overflow_connections", snapshot.overflow())
			.addKeyValue("connection_timeouts", newTimeouts)
			.log("{} - pool under pressure: {} threads waiting for a connection, {}/{} in use, {} overflow, "
					+ "{} timed out since last check", this.pool, snapshot.threadsAwaitingConnection(),
					snapshot.checkedOut(), snapshot.maximumPoolSize(), snapshot.overflow(), newTimeouts);
	}

	private void observeOverflow(PoolSnapshot snapshot) {
		if (snapshot.overflow() > 0 && !this.overflowInUse) {
			this.overflowInUse = true;
			logger.atInfo()
				.addKeyValue("pool", this.pool)
				.addKeyValue("overflow_connections", snapshot.overflow())
				.addKeyValue("total_connections", snapshot.total())
				.log("{} - overflow connections opened: {} beyond pool size {}", this.pool, snapshot.overflow(),
						snapshot.poolSize());
		}
		else if (snapshot.overflow() == 0 && this.overflowInUse) {
			this.overflowInUse = false;
			logger.atInfo()
				.addKeyValue("pool", this.pool)
				.addKeyValue("total_connections", snapshot.total())
				.log("{} - overflow connections retired; {} open", this.pool, snapshot.total());
		}
	}

}
