package io.storefront.db.health;

import java.time.Instant;

/**
 * The outcome of one {@code SELECT 1}: whether the database answered, and if not, why.
 */
public record ProbeResult(boolean reachable, String error, Instant at) {

	public static ProbeResult reachable(Instant at) {
		return new ProbeResult(true, null, at);
	}

	public static ProbeResult unreachable(String error, Instant at) {
		return new ProbeResult(false, error, at);
	}

}
