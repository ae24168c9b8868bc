package io.storefront.console.access;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #GUESSES} wrong access tokens a minute from one client address (given
 * back evenly over the minute), so that guessing the token takes ages. An address that
 * has none left is not told whether its next token is right: it waits. Each token takes
 * one of the guesses while it is checked (a right one gives it back), so that tokens sent
 * at once cannot all be checked before any counts. Every address that sent a token is
 * kept, at most {@link #MAX_ADDRESSES} of them; one whose guesses are all back is the
 * first forgotten.
 */
final class WrongTokenLimit {

	private static final Logger logger = LoggerFactory.getLogger(WrongTokenLimit.class);

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

	/**
	 * Whether {@code isRight} says the token from {@code address} is right; never asked
	 * while the address must wait. A guess is taken from the address's allowance before
	 * the token is checked, so simultaneous guesses cannot all pass a check made before
	 * any of them counted; a right token gives its guess back.
	 */
	boolean check(String address, BooleanSupplier isRight) {
		Bucket bucket = bucket(address);
		ConsumptionProbe guess = bucket.tryConsumeAndReturnRemaining(1);
		if (!guess.isConsumed()) {
			return false;
		}
		if (isRight.getAsBoolean()) {
			bucket.addTokens(1);
			return true;
		}
		if (guess.getRemainingTokens() == 0) {
			logger.atWarn()
				.addKeyValue("address", address)
				.log("{} wrong access tokens from {} within {}; its next tokens wait", GUESSES, address, PERIOD);
		}
		return false;
	}

	private Bucket bucket(String address) {
		if (this.buckets.size() >= MAX_ADDRESSES) {
			// an address that guessed no more for a minute is full again: forgetting it
			// changes nothing; if all are still counting, forget all rather than grow
			this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= GUESSES);
			if (this.buckets.size() >= MAX_ADDRESSES) {
				this.buckets.clear();
			}
		}
		return this.buckets.computeIfAbsent(address, (key) -> Bucket.builder().addLimit(this.bandwidth).build());
	}

}
