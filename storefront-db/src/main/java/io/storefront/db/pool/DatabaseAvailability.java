package io.storefront.db.pool;

import java.util.Optional;

/** What the monitor currently believes about the database, for callers that must not wait on a dead one. */
public interface DatabaseAvailability {

	/** The reason the database is known to be unreachable right now, or empty when it is not known to be. */
	Optional<String> knownOutage();

	/** Called when a caller gave up waiting for a pool connection. */
	void connectionTimedOut();

	/** Called after a caller got a pool connection. */
	default void connectionBorrowed() {
	}

	/** Called after a caller gave a pool connection back. */
	default void connectionReturned() {
	}

}
