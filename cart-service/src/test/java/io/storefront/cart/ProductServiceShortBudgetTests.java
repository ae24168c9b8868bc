package io.storefront.cart;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lookup whose first attempt leaves less of its budget than a useful attempt needs (250
 * ms, after the retry's pause) is not retried: here an attempt may take 2 s of a 2.6 s
 * budget, so a timed-out first attempt leaves about 600 ms, enough for an attempt but
 * only about 100 ms once the 500 ms pause is taken, and a retry would only add latency.
 */
@Tag("reliability")
@TestPropertySource(properties = { "storefront.cart.product-service.response-timeout=2s",
		"storefront.cart.product-service.total-timeout=2600ms", "storefront.cart.product-service.retry-backoff=500ms" })
class ProductServiceShortBudgetTests extends CartApiTestSupport {

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

	/** What a loaded two-core machine may add. */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	@Test
	void aTimedOutFirstAttemptThatLeavesTooLittleOfTheBudgetIsNotRetried() {
		String user = newUser();
		products.product(261, "Slow product", "1.00", "USD", 10);
		products.delay(Duration.ofSeconds(15));
		double failedWithRetry = retryCalls("failed_with_retry");
		double failedWithoutRetry = retryCalls("failed_without_retry");

		Response refused = add(tokens.user(user), 261, 1);

		String detail = refused.assertProblem(503);
		assertThat(products.requests()).as("the product service was asked once").isOne();
		assertThat(retryCalls("failed_without_retry")).as("a lookup that failed without a retry")
			.isEqualTo(failedWithoutRetry + 1);
		assertThat(retryCalls("failed_with_retry")).as("a lookup that failed after a retry").isEqualTo(failedWithRetry);
		assertThat(detail).contains("did not answer within " + ATTEMPT_TIMEOUT.toMillis() + " ms")
			.as("one attempt, so no count of attempts")
			.doesNotContain("attempts");
		assertThat(refused.took()).isBetween(ATTEMPT_TIMEOUT, ATTEMPT_TIMEOUT.plus(MARGIN));
		assertThat(storedLines(user)).isZero();
	}

}
