package io.storefront.web.limit;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The few turns in which complete request bodies over a size are processed, taken in
 * arrival order. Parsing and validating a body near the 1 MiB limit takes tens of
 * milliseconds of a processor and megabytes of garbage, on a virtual thread that is not
 * time-sliced: sixteen clients posting such bodies in a loop kept {@code /health} at a
 * median of 4.5 s, most of it spent in garbage collection. The services' own bodies are
 * far below the size, so only bodies no endpoint accepts ever wait here.
 */
public final class LargeBodyTurns {

	/**
	 * Large bodies that may wait for a turn at once; more are refused at once. Each waits
	 * holding one of the request turns, which the body budget alone would let a few
	 * hundred bodies just over the size fill.
	 */
	static final int MAX_WAITING = 16;

	private final long largeBytes;

	private final Semaphore turns;

	private final Semaphore waiting = new Semaphore(MAX_WAITING);

	private final Duration maxWait;

	public LargeBodyTurns(long largeBytes, int maxConcurrent, Duration maxWait) {
		this.largeBytes = largeBytes;
		this.turns = new Semaphore(maxConcurrent, true);
		this.maxWait = maxWait;
	}

	boolean isLarge(long bodyBytes) {
		return bodyBytes > this.largeBytes;
	}

	/** Whether a turn came within the wait; one that did must be given back. */
	boolean take() {
		try {
			// With a timeout, even of zero, a fair semaphore serves the bodies already
			// waiting first; tryAcquire() without one would let this body pass them.
			if (this.turns.tryAcquire(0, TimeUnit.NANOSECONDS)) {
				return true;
			}
			if (!this.waiting.tryAcquire()) {
				return false;
			}
			try {
				return this.turns.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
			}
			finally {
				this.waiting.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void give() {
		this.turns.release();
	}

	/** The large bodies waiting for a turn now. */
	int waiting() {
		return MAX_WAITING - this.waiting.availablePermits();
	}

}
