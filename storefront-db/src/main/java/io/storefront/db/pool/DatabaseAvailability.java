package io.storefront.db.pool;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the health probe currently believes about the database, for callers that must not
 * wait on a dead one.
 */
public interface DatabaseAvailability {

	/**
	 * The reason the database is known to be unreachable right now, or empty when it is
	 * not known to be.
	 */
	Optional<String> knownOutage();

	/**
	 * Registers {@code listener} to be told, with the reason, each time the database is
	 * found unreachable, so that callers still waiting for a connection can be let go.
	 */
	void onOutage(Consumer<String> listener);

	/**
	 * Registers {@code listener} to be run each time the database answers again after an
	 * outage, before callers are let through to the pool again.
	 */
	void onRecovery(Runnable listener);

}
