package io.storefront.db.pool;

import java.util.function.Supplier;

/**
 * Work run again because its connection was lost: each connection it borrows is checked
 * before it is handed over. The kill that ended the first connection has usually ended
 * others, and HikariCP checks only a connection idle for more than half a second; the
 * eviction the first failure starts misses one the pool was opening while the kill ran.
 * Without the check, the second attempt could be handed such a connection and fail too. A
 * check costs one round trip, paid only by work that is run again.
 */
public final class CheckedBorrowing {

	private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

	private CheckedBorrowing() {
	}

	/** Runs {@code work}, every connection it borrows checked first. */
	public static <T> T run(Supplier<T> work) {
		boolean outermost = ACTIVE.get() == null;
		ACTIVE.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outermost) {
				ACTIVE.remove();
			}
		}
	}

	static boolean active() {
		return ACTIVE.get() != null;
	}

}
