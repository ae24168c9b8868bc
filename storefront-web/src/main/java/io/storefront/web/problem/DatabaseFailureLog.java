package io.storefront.web.problem;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the 503s a database failure causes without a line per request: an outage or an
 * overload can fail thousands of requests a second, and the monitor already logs the
 * outage and the pool pressure. The first 503 of a kind is logged at once; those that
 * follow within {@link #EVERY_NANOS} (10 s) are counted, and the count is logged in one
 * line when the 10 s are up, whether or not more 503s come, or as soon as the database
 * recovers. So there is at most one line per kind every 10 s, and the counts add up to
 * the 503s served within 10 s of the last one.
 */
final class DatabaseFailureLog {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final String reason;

	private final String detail;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

	private final LongAdder unlogged = new LongAdder();

	private final AtomicBoolean countLogScheduled = new AtomicBoolean();

	DatabaseFailureLog(String reason, String detail) {
		this.reason = reason;
		this.detail = detail;
	}

	void failed() {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= EVERY_NANOS && this.lastLogged.compareAndSet(last, now)) {
			log("request failed with 503: {} ({} more since the last such line)", this.unlogged.sumThenReset());
			return;
		}
		this.unlogged.increment();
		if (this.countLogScheduled.compareAndSet(false, true)) {
			long wait = this.lastLogged.get() + EVERY_NANOS - System.nanoTime();
			CompletableFuture.delayedExecutor(Math.max(0, wait), TimeUnit.NANOSECONDS).execute(this::logCount);
		}
	}

	/**
	 * Logs the 503s counted since the last line, if any, when the database has recovered:
	 * the outage is over, so there is no reason to wait for the rest of the 10 s.
	 */
	void logUnlogged() {
		long more = this.unlogged.sumThenReset();
		if (more > 0) {
			log("request failed with 503 until the database recovered: {} ({} more since the last such line)", more);
		}
	}

	private void logCount() {
		// Cleared before the count is taken, so a 503 counted after it schedules the next
		// line.
		this.countLogScheduled.set(false);
		long more = this.unlogged.sumThenReset();
		if (more > 0) {
			this.lastLogged.set(System.nanoTime());
			log("more requests failed with 503: {} ({} more since the last such line)", more);
		}
	}

	private void log(String message, long more) {
		logger.atWarn()
			.addKeyValue("reason", this.reason)
			.addKeyValue("more_since_last_line", more)
			.log(message, this.detail, more);
	}

}
