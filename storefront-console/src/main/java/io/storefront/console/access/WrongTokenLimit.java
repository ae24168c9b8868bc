package io.storefront.console.access;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;

/**
 * At most {@link #GUESSES} wrong access tokens a minute from one client address (given
 * back evenly over the minute), so that guessing the token takes ages. An address that
 * has none left is not told whether its next token is right: it waits. Addresses are kept
 * while they have guessed wrong recently, at most {@link #MAX_ADDRESSES} of them.
 */
final class WrongTokenLimit {

	static final int GUESSES = 10;

	static final Duration PERIOD = Duration.ofMinutes(1);

	static final int MAX_ADDRESSES = 10_000;

	private final Bandwidth bandwidth = Bandwidth.builder().capacity(GUESSES).refillGreedy(GUESSES, PERIOD).build();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * How long {@code address} must wait before its next token is checked; empty: none.
	 */
	Optional<Duration> wait(String address) {
		Bucket bucket = this.buckets.get(address);
		if (bucket == null) {
			return Optional.empty();
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty()
				: Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Counts a wrong token from {@code address}. */
	void wrong(String address) {
		if (this.buckets.size() >= MAX_ADDRESSES) {
			// those that have guessed no more for a whole minute are full again:
			// forgetting
			// them changes nothing; if all are still counting, forget them all rather
			// than
			// grow
			this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= GUESSES);
			if (this.buckets.size() >= MAX_ADDRESSES) {
				this.buckets.clear();
			}
		}
		this.buckets.computeIfAbsent(address, (key) -> Bucket.builder().addLimit(this.bandwidth).build()).tryConsume(1);
	}

}
