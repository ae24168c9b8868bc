package io.storefront.auth.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedBucketsTests {

	@Test
	void aKeyOverItsCapacityIsToldHowLongUntilTheNextToken() {
		KeyedBuckets buckets = new KeyedBuckets(2, Duration.ofMinutes(1), 100);

		assertThat(buckets.take("10.0.0.1")).isEmpty();
		assertThat(buckets.take("10.0.0.1")).isEmpty();

		assertThat(buckets.take("10.0.0.1"))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
		assertThat(buckets.take("10.0.0.2")).as("another key has its own bucket").isEmpty();
	}

	@Test
	void givingBackNeverRaisesABucketAboveItsCapacity() {
		KeyedBuckets buckets = new KeyedBuckets(2, Duration.ofHours(1), 100);
		buckets.take("ann@example.com");
		buckets.giveBack("ann@example.com");
		buckets.giveBack("ann@example.com");

		assertThat(buckets.take("ann@example.com")).isEmpty();
		assertThat(buckets.take("ann@example.com")).isEmpty();
		assertThat(buckets.take("ann@example.com")).isPresent();
	}

	@Test
	void anEmptiedBucketLeftAloneIsNotForgottenWhileItIsStillRefilling() {
		AtomicLong nanos = new AtomicLong();
		KeyedBuckets buckets = new KeyedBuckets(2, Duration.ofMinutes(5), 100, nanos::get);
		buckets.take("ann@example.com");
		buckets.take("ann@example.com");

		nanos.addAndGet(Duration.ofSeconds(100).toNanos());

		assertThat(buckets.take("ann@example.com")).as("two tokens come back over 5 minutes: none yet after 100 s")
			.hasValueSatisfying((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(49), Duration.ofSeconds(50)));
		assertThat(buckets.size()).isOne();
	}

	@Test
	void aBucketUntouchedForAWholePeriodIsForgotten() {
		AtomicLong nanos = new AtomicLong();
		KeyedBuckets buckets = new KeyedBuckets(2, Duration.ofMinutes(5), 100, nanos::get);
		buckets.take("ann@example.com");

		nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

		assertThat(buckets.size()).isZero();
	}

	@Test
	void manyKeysKeepAtMostTheConfiguredNumberOfBuckets() {
		KeyedBuckets buckets = new KeyedBuckets(5, Duration.ofHours(1), 100);

		for (int i = 0; i < 10_000; i++) {
			buckets.take("client-" + i);
		}

		assertThat(buckets.size()).isLessThanOrEqualTo(100);
	}

}
