package io.storefront.product.catalog;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import io.storefront.web.problem.RetryLaterException;

/**
 * Searches take turns, at most {@link SearchSettings#maxConcurrent()} at once, in arrival
 * order. A search's cost is the client's to choose (common words at a deep offset count
 * and sort every match), and public reads have no rate limit: without turns a flood of
 * them held every pooled connection, and reads by id, cart's lookups among them, waited
 * seconds behind it. A search that gets no turn within {@link SearchSettings#maxWait()}
 * is answered 503 with {@code Retry-After}. The searches waiting and those refused are
 * metrics: they wait here, not for the pool, so the pool's own figures do not show them.
 */
@Component
class SearchTurns {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final Semaphore turns;

	private final Duration maxWait;

	private final Counter refused;

	SearchTurns(SearchSettings settings, MeterRegistry meters) {
		this.turns = new Semaphore(settings.maxConcurrent(), true);
		this.maxWait = settings.maxWait();
		Gauge.builder("storefront.product.searches.waiting", this.turns, Semaphore::getQueueLength)
			.description("Searches waiting for a turn")
			.register(meters);
		this.refused = Counter.builder("storefront.product.searches.refused")
			.description("Searches answered 503 for want of a turn")
			.register(meters);
	}

	<T> T take(Supplier<T> search) {
		boolean taken;
		try {
			taken = this.turns.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			taken = false;
		}
		if (!taken) {
			this.refused.increment();
			throw RetryLaterException.busy("too many searches at once; retry shortly", RETRY_AFTER);
		}
		try {
			return search.get();
		}
		finally {
			this.turns.release();
		}
	}

}
