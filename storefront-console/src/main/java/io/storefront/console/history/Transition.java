package io.storefront.console.history;

import java.time.Instant;

import io.storefront.console.poll.Health;

/**
 * A service instance's health changed.
 *
 * @param key the instance's {@link io.storefront.console.settings.ServiceTarget#key()
 * key}
 * @param reason why it is in its new state
 */
public record Transition(Instant at, String key, Health from, Health to, String reason) {

}
