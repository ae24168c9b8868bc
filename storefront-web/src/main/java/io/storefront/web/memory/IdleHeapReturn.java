package io.storefront.web.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap a burst of traffic grew back to the system once the service is idle.
 *
 * <p>
 * The services run Serial GC, which shrinks the heap only after a full collection, and
 * none comes once a burst is over: a service that once served a thousand connections kept
 * ~250 MB of heap it no longer used. When no collection has run for {@code idleAfter}
 * (allocation has all but stopped) and the heap holds far more than it uses, this runs
 * one full collection ({@link IdleCollection}: at most 10 % of the heap left free), and
 * with {@code -XX:-ShrinkHeapInSteps} (the services' flag) the JVM uncommits the free
 * part at once. It is what G1's periodic collections (JEP 346) do for G1, which would
 * cost each service ~40 MB of native memory. It acts once per busy period: after its own
 * collection it waits until the service allocates again.
 */
public final class IdleHeapReturn implements AutoCloseable {

	/** A heap grown less than this beyond its initial size is not worth a collection. */
	static final long MINIMUM_GROWTH_BYTES = 32L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(IdleHeapReturn.class);

	private final Duration idleAfter;

	private final Heap heap;

	private final Clock clock;

	private ScheduledExecutorService checks;

	private long lastCount = -1;

	private Instant lastChange;

	private long countAfterReturn = -1;

	IdleHeapReturn(Duration idleAfter, Heap heap, Clock clock) {
		this.idleAfter = idleAfter;
		this.heap = heap;
		this.clock = clock;
	}

	/**
	 * @param idleAfter how long without a collection counts as idle; zero turns this off
	 */
	public static IdleHeapReturn ofThisJvm(Duration idleAfter) {
		return new IdleHeapReturn(idleAfter, Heap.THIS_JVM, Clock.systemUTC());
	}

	/** Checks a few times per {@code idleAfter}, on one daemon thread. */
	public void start() {
		if (this.idleAfter.isZero()) {
			return;
		}
		long period = Math.clamp(this.idleAfter.toMillis() / 3, 100, 10_000);
		this.checks = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("idle-heap-return").daemon().priority(Thread.MIN_PRIORITY).factory());
		this.checks.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Collects when the service has been idle long enough and there is enough to give
	 * back.
	 * @return whether it collected
	 */
	synchronized boolean check() {
		Instant now = this.clock.instant();
		long count = this.heap.collections();
		if (count != this.lastCount) {
			this.lastCount = count;
			this.lastChange = now;
			return false;
		}
		if (count == this.countAfterReturn || Duration.between(this.lastChange, now).compareTo(this.idleAfter) < 0) {
			return false;
		}
		// What the heap holds beyond its initial size is mostly garbage by now; how much
		// of it is live, only the collection can tell.
		MemoryUsage before = this.heap.usage();
		if (before.getCommitted() - before.getInit() < MINIMUM_GROWTH_BYTES) {
			return false;
		}
		long started = System.nanoTime();
		this.heap.collect();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		MemoryUsage after = this.heap.usage();
		this.countAfterReturn = this.heap.collections();
		this.lastCount = this.countAfterReturn;
		this.lastChange = this.clock.instant();
		logger.atInfo()
			.addKeyValue("heap_committed_before_mib", mebibytes(before.getCommitted()))
			.addKeyValue("heap_committed_after_mib", mebibytes(after.getCommitted()))
			.addKeyValue("heap_used_after_mib", mebibytes(after.getUsed()))
			.addKeyValue("collection_ms", tookMillis)
			.log("idle for {}: collected to give unused heap back, committed {} MiB -> {} MiB ({} MiB in use), "
					+ "took {} ms", this.idleAfter, mebibytes(before.getCommitted()), mebibytes(after.getCommitted()),
					mebibytes(after.getUsed()), tookMillis);
		return true;
	}

	/**
	 * Stops the checks, and waits (a few seconds at most) for one that is running, so
	 * that none reads the heap after this returns.
	 */
	@Override
	public void close() {
		if (this.checks != null) {
			this.checks.shutdownNow();
			try {
				this.checks.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static long mebibytes(long bytes) {
		return bytes / (1024 * 1024);
	}

	/** What this reads of the JVM's heap, and the collection it asks for. */
	interface Heap {

		Heap THIS_JVM = new Heap() {

			@Override
			public long collections() {
				long count = 0;
				for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
					count += Math.max(0, collector.getCollectionCount());
				}
				return count;
			}

			@Override
			public MemoryUsage usage() {
				return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
			}

			@Override
			public void collect() {
				IdleCollection.run();
			}

		};

		/** Collections of every collector so far. */
		long collections();

		MemoryUsage usage();

		void collect();

	}

}
