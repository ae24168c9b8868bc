package io.storefront.console.watch;

import io.storefront.console.poll.Health;

/**
 * A service instance's health at one moment, and why.
 *
 * @param failedPolls how many polls in a row got no usable answer: since the last that
 * did, or since watching began
 */
public record Verdict(Health health, String reason, int failedPolls) {

}
