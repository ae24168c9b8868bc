package io.storefront.auth.limit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One token bucket per key (a client address, an account), {@code capacity} tokens
 * refilled evenly over {@code period}. At most {@code maxKeys} buckets are kept, and one
 * untouched for a whole period is dropped: it would be full again, so forgetting it
 * changes no answer.
 */
final class KeyedBuckets {

	private final Cache<String, Bucket> buckets;

	private final Bandwidth bandwidth;

	private final TimeMeter time;

	KeyedBuckets(int capacity, Duration period, int maxKeys) {
		this(capacity, period, maxKeys, Ticker.systemTicker());
	}

	/**
	 * @param ticker the one clock the refills and the forgetting both go by, so that a
	 * test can move it on
	 */
	KeyedBuckets(int capacity, Duration period, int maxKeys, Ticker ticker) {
		this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
		this.time = new TickerTime(ticker);
		// Evictions run on the calling thread: cheap, and the bound holds at every
		// moment.
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(period)
			.ticker(ticker)
			.executor(Runnable::run)
			.build();
	}

	/** The number of buckets kept. */
	long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	/** Takes one token; when there is none, returns how long until there is one. */
	Optional<Duration> take(String key) {
		ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Gives back a token taken by {@link #take}, never beyond the capacity. */
	void giveBack(String key) {
		Bucket bucket = this.buckets.getIfPresent(key);
		if (bucket != null) {
			bucket.addTokens(1);
		}
	}

	private Bucket bucket(String key) {
		return this.buckets.get(key,
				(k) -> Bucket.builder().addLimit(this.bandwidth).withCustomTimePrecision(this.time).build());
	}

	private record TickerTime(Ticker ticker) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return this.ticker.read();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
