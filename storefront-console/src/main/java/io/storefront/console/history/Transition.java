package io.storefront.console.history;

import java.time.Instant;

import io.storefront.console.poll.Health;

/**
 * A journal entry: a service instance's health changed, or its process restarted (its
 * health the same before and after).
 *
 * @param key the instance's {@link io.storefront.console.settings.ServiceTarget#key()
 * key}
 * @param reason why it is in its new state, or what the restart was
 */
public record Transition(Instant at, String key, Health from, Health to, String reason) {

	public static Transition restart(Instant at, String key, Health health, String reason) {
		return new Transition(at, key, health, health, reason);
	}

	/** A change of health never keeps it: an entry that does tells a restart. */
	public boolean restart() {
		return this.from == this.to;
	}

}
