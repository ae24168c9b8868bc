package io.storefront.web.problem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the 503s a database failure causes without a line per request: an outage or an
 * overload can fail thousands of requests a second, and the monitor already logs the
 * outage and the pool pressure. The first 503 of a kind is logged at once, then at most
 * one line per {@link #EVERY_NANOS} (10 s) saying how many more there were: written by
 * the next 503 once the 10 s are up, or by {@link DatabaseFailureCountFlush} when no 503
 * follows, and at once when the database recovers or the service stops, so that the
 * counts add up to the 503s served.
 */
final class DatabaseFailureLog {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final String reason;

	private final String detail;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

	private final LongAdder unlogged = new LongAdder();

	DatabaseFailureLog(String reason, String detail) {
		this.reason = reason;
		this.detail = detail;
	}

	void failed() {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < EVERY_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			this.unlogged.increment();
			return;
		}
		log("request failed with 503: {} ({} more since the last such line)", this.unlogged.sumThenReset());
	}

	/**
	 * Logs the 503s counted since the last line once that line is 10 s old: a burst that
	 * simply ends (an overload, cancelled statements) brings no further 503 to log them,
	 * and the database, still up, no recovery.
	 */
	void logCountIfDue() {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		// Claimed as failed() claims it, so that a 503 arriving meanwhile is counted
		// for the next line rather than logged as well.
		if (this.unlogged.sum() == 0 || now - last < EVERY_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			return;
		}
		logCount();
	}

	/**
	 * Logs the 503s counted since the last line, if any, without waiting for the 10 s.
	 */
	void logCount() {
		long more = this.unlogged.sumThenReset();
		if (more > 0) {
			log("request failed with 503, count only: {} ({} more since the last such line)", more);
		}
	}

	/**
	 * Logs the 503s counted since the last line, if any, as soon as the outage is over,
	 * rather than up to 10 s later.
	 */
	void logUnlogged() {
		long more = this.unlogged.sumThenReset();
		if (more > 0) {
			log("request failed with 503 until the database recovered: {} ({} more since the last such line)", more);
		}
	}

	private void log(String message, long more) {
		logger.atWarn()
			.addKeyValue("reason", this.reason)
			.addKeyValue("more_since_last_line", more)
			.log(message, this.detail, more);
	}

}
