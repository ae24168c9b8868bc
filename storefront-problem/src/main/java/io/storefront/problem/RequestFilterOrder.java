package io.storefront.problem;

import org.springframework.core.Ordered;

/**
 * The places of the request filters the services and the console share, all ahead of
 * Spring Security (order -100): storefront-web's and the {@code Accept} filter this
 * module registers. They are here, where both modules see them, so that the order is read
 * in one list.
 */
public final class RequestFilterOrder {

	/**
	 * storefront-web's probe port filter, first of all, and only with a probe port set.
	 */
	public static final int PROBE_PORT = Ordered.HIGHEST_PRECEDENCE;

	/** storefront-web's health probes, answered before anything else can refuse them. */
	public static final int HEALTH_PROBES = Ordered.HIGHEST_PRECEDENCE + 1;

	/** storefront-web's request body limit. */
	public static final int BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;

	/** storefront-web's request body deadline, after the limit. */
	public static final int BODY_DEADLINE = Ordered.HIGHEST_PRECEDENCE + 11;

	/**
	 * {@code Accept}'s empty elements dropped, before everything that reads the header.
	 */
	public static final int ACCEPT = Ordered.HIGHEST_PRECEDENCE + 13;

	private RequestFilterOrder() {
	}

}
