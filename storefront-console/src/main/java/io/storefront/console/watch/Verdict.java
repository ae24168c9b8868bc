package io.storefront.console.watch;

import io.storefront.console.poll.Health;

/** A service instance's health at one moment, and why. */
public record Verdict(Health health, String reason) {

}
