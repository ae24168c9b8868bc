package io.storefront.cart;

import java.time.Duration;

import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget is judged again when the retry is due, not only when the first attempt
 * fails: a thread held up in the pause (a loaded machine, a long GC pause) may wake with
 * the lookup's budget spent, and the retry it was promised would then be made after the
 * deadline. Here the pause is stretched past the 3 s budget by holding the thread in the
 * retry's own event, which Resilience4j publishes on the caller's thread just before it
 * sleeps. The properties are the production defaults, written out so that this class gets
 * a context of its own and the held-up event listener reaches no other test.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "storefront.cart.product-service.response-timeout=2s",
		"storefront.cart.product-service.total-timeout=3s", "storefront.cart.product-service.retry-backoff=100ms" })
class ProductServiceLateRetryTests extends CartApiTestSupport {

	private static final Duration LOOKUP_BUDGET = Duration.ofSeconds(3);

	@Autowired
	private Retry productServiceRetry;

	@Test
	void aRetryDueAfterTheBudgetIsSpentIsNotMadeAndTheFirstAttemptsReasonIsGiven(CapturedOutput output) {
		String user = newUser();
		products.product(271, "Late product", "1.00", "USD", 10);
		products.failWith(500);
		this.productServiceRetry.getEventPublisher().onRetry((event) -> holdUp(LOOKUP_BUDGET.plusMillis(200)));
		double failedWithRetry = retryCalls("failed_with_retry");
		double failedWithoutRetry = retryCalls("failed_without_retry");

		Response refused = add(tokens.user(user), 271, 1);

		String detail = refused.assertProblem(503);
		assertThat(products.requests()).as("the product service was asked once").isOne();
		assertThat(detail).as("the first attempt's reason, one attempt")
			.contains("answered 500")
			.doesNotContain("attempts");
		assertThat(this.productServiceBreaker.getMetrics().getNumberOfFailedCalls()).as("only the call made counts")
			.isOne();
		assertThat(retryCalls("failed_without_retry")).as("a lookup that failed without a retry")
			.isEqualTo(failedWithoutRetry + 1);
		assertThat(retryCalls("failed_with_retry")).isEqualTo(failedWithRetry);
		assertThat(storedLines(user)).isZero();
		assertThat(output).as("the retry announced before the pause is said not to be made")
			.contains("product lookup not retried: its budget was spent when the retry was due, product_id=271");
	}

	private static void holdUp(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
