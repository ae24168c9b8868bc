package io.storefront.console.history;

import java.util.OptionalDouble;

/**
 * An instance's uptime over a window, and how much of the window it covers.
 *
 * @param share the percentage of samples that said up; empty if none said anything
 * @param sampledMinutes how many minutes of the window hold a sample that counts in
 * {@code share}: a share of 2 minutes is no day's
 */
public record Uptime(OptionalDouble share, int sampledMinutes) {

}
