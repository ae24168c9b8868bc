package io.storefront.console.poll;

import java.util.Locale;

/**
 * What the console says about one service instance. The first three are what the service
 * answered; the others are decided by the console's clock when answers stop coming.
 */
public enum Health {

	/** Not answered yet, and not for long enough to call it anything else. */
	PENDING(0),

	HEALTHY(1),

	/**
	 * The database answers, but something is wrong: see the service's
	 * {@code /health/detailed}.
	 */
	DEGRADED(2),

	/** The service answered, and says its database cannot be reached. */
	UNHEALTHY(3),

	/** No usable answer for longer than {@code stale-after}. */
	STALE(4),

	/** No usable answer for longer than {@code down-after}. */
	DOWN(5);

	private final int severity;

	Health(int severity) {
		this.severity = severity;
	}

	/** Healthy and degraded count as up: the service serves its API. */
	public boolean isUp() {
		return this == HEALTHY || this == DEGRADED;
	}

	public Health worse(Health other) {
		return (other.severity > this.severity) ? other : this;
	}

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Health fromJson(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
