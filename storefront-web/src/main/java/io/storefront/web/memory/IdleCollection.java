package io.storefront.web.memory;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full collection that leaves the heap little room above what is live, then gives the
 * JVM its own sizing back.
 *
 * <p>
 * After a full collection the JVM keeps up to {@code MaxHeapFreeRatio} percent of the
 * heap free (40 with the services' flags): under load that room saves collections, when
 * idle it only holds memory. Both free ratios are manageable flags, so for this one
 * collection the free part may shrink to {@value #IDLE_MAX_FREE_PERCENT} %; the next
 * collection under load sizes the heap by the service's own ratios again. On a JVM
 * without these flags it is a plain {@link System#gc()}.
 */
final class IdleCollection {

	static final int IDLE_MAX_FREE_PERCENT = 10;

	private static final String MIN_FREE = "MinHeapFreeRatio";

	private static final String MAX_FREE = "MaxHeapFreeRatio";

	private static final Logger logger = LoggerFactory.getLogger(IdleCollection.class);

	private IdleCollection() {
	}

	static void run() {
		Optional<Runnable> restore = leaveLittleRoom();
		try {
			System.gc();
		}
		finally {
			restore.ifPresent(Runnable::run);
		}
	}

	/**
	 * Lowers both free ratios for one collection.
	 * @return what puts the JVM's own ratios back, when they could be changed
	 */
	private static Optional<Runnable> leaveLittleRoom() {
		try {
			HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			String minFree = hotSpot.getVMOption(MIN_FREE).getValue();
			String maxFree = hotSpot.getVMOption(MAX_FREE).getValue();
			// The JVM refuses a maximum below the minimum: lower the minimum first, raise
			// the maximum first on the way back.
			Runnable restore = () -> {
				hotSpot.setVMOption(MAX_FREE, maxFree);
				hotSpot.setVMOption(MIN_FREE, minFree);
			};
			try {
				hotSpot.setVMOption(MIN_FREE, "0");
				hotSpot.setVMOption(MAX_FREE, Integer.toString(IDLE_MAX_FREE_PERCENT));
			}
			catch (RuntimeException ex) {
				restore.run();
				throw ex;
			}
			return Optional.of(restore);
		}
		catch (RuntimeException ex) {
			logger.debug("the heap's free ratios cannot be changed here ({}): a plain full collection", ex.toString());
			return Optional.empty();
		}
	}

}
