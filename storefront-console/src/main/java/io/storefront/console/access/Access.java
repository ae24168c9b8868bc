package io.storefront.console.access;

import java.time.Duration;

/**
 * What one request may see of the console, as {@link AccessGate#access} decides it for
 * every endpoint that shows more to some than to others.
 */
public sealed interface Access {

	/**
	 * The token, or the cookie of a login that gave it (or no token is set): everything.
	 */
	record Granted() implements Access {
	}

	/** No token, or a wrong one: only up or down. */
	record Refused() implements Access {
	}

	/**
	 * A token from an address that gave too many wrong ones: not checked until it has
	 * waited, so that the right one is not taken for a wrong one.
	 */
	record MustWait(Duration howLong) implements Access {
	}

}
