package io.storefront.launcher.replicas;

import java.time.Duration;

/**
 * How long to wait before starting again a child that failed to start again, or that
 * exited again less than {@code stable} after getting ready: {@code first} after one
 * failure, doubling with each further one, never more than {@code cap}. A child that runs
 * for {@code stable} has its failures forgotten, as Kubernetes forgets a crash loop.
 */
record Backoff(Duration first, Duration cap, Duration stable) {

	/**
	 * From 2 s up to 30 s, forgotten after a minute of running: a database outage is
	 * waited out, and a child that crashes as soon as it is up is not started in a tight
	 * loop.
	 */
	static final Backoff STANDARD = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(1));

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
