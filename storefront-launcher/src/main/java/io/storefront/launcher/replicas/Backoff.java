package io.storefront.launcher.replicas;

import java.time.Duration;

/**
 * How long to wait before starting again a child that failed to start again:
 * {@code first} after one failure, doubling with each further one, never more than
 * {@code cap}.
 */
record Backoff(Duration first, Duration cap) {

	/** From 2 s up to 30 s: a database outage is waited out without a tight loop. */
	static final Backoff STANDARD = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

	/**
	 * @param failures how many attempts in a row failed, at least 1
	 */
	Duration after(int failures) {
		Duration delay = this.first;
		for (int i = 1; i < failures && delay.compareTo(this.cap) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.cap) < 0) ? delay : this.cap;
	}

}
