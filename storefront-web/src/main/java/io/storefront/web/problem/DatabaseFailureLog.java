package io.storefront.web.problem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the 503s a database failure causes without a line per request: an outage or an
 * overload can fail thousands of requests a second, and the monitor already logs the
 * outage and the pool pressure. The first 503 of a kind is logged at once, then at most
 * one line per {@link #EVERY_NANOS} (10 s) saying how many more there were: written by
 * the next 503 once the 10 s are up, or, once no 503 has come for 10 s either (the burst
 * is over), by {@link DatabaseFailureCountFlush}; and at once when the database recovers
 * or the service stops, so that the counts add up to the 503s served.
 */
final class DatabaseFailureLog {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final String reason;

	private final String detail;

	private final LongSupplier nanoClock;

	private final AtomicLong lastLogged;

	private final AtomicLong lastFailed;

	private final LongAdder unlogged = new LongAdder();

	DatabaseFailureLog(String reason, String detail) {
		this(reason, detail, System::nanoTime);
	}

	DatabaseFailureLog(String reason, String detail, LongSupplier nanoClock) {
		this.reason = reason;
		this.detail = detail;
		this.nanoClock = nanoClock;
		this.lastLogged = new AtomicLong(nanoClock.getAsLong() - EVERY_NANOS);
		this.lastFailed = new AtomicLong(nanoClock.getAsLong() - EVERY_NANOS);
	}

	void failed() {
		long now = this.nanoClock.getAsLong();
		this.lastFailed.set(now);
		long last = this.lastLogged.get();
		if (now - last < EVERY_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			this.unlogged.increment();
			return;
		}
		log("request failed with 503: {} ({} more since the last such line)", this.unlogged.sumThenReset());
	}

	/**
	 * Logs the 503s counted since the last line once that line is 10 s old and no 503 has
	 * come for 10 s: a burst that simply ends (an overload, cancelled statements) brings
	 * no further 503 to log them, and the database, still up, no recovery. While 503s
	 * still come, one at least every 10 s, the next one writes the line, so that a
	 * count-only line always means the burst is over.
	 */
	void logCountIfDue() {
		long now = this.nanoClock.getAsLong();
		long last = this.lastLogged.get();
		// Claimed as failed() claims it, so that a 503 arriving meanwhile is counted
		// for the next line rather than logged as well.
		if (this.unlogged.sum() == 0 || now - last < EVERY_NANOS || now - this.lastFailed.get() < EVERY_NANOS
				|| !this.lastLogged.compareAndSet(last, now)) {
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
