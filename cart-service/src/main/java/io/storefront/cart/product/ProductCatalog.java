package io.storefront.cart.product;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cart's only way to learn about a product: {@code GET /products/{id}} on the product
 * service, guarded so that a sick product service costs a request at most
 * {@code total-timeout}, and nothing while the circuit breaker is open.
 * <p>
 * Each attempt goes through the breaker (so every failed attempt counts); the retry sits
 * outside it and repeats a failed attempt once, after a short pause, when the failure may
 * pass (refused, timed out, 5xx) and the lookup's time budget still leaves room for a
 * useful attempt. A 404 is an answer, not a failure: never retried, never counted.
 */
public class ProductCatalog {

	private static final Logger logger = LoggerFactory.getLogger(ProductCatalog.class);

	/** A retry with less time than this left would only add latency. */
	private static final Duration SHORTEST_USEFUL_ATTEMPT = Duration.ofMillis(250);

	private final ProductHttp http;

	private final CircuitBreaker breaker;

	private final Retry retry;

	private final ProductServiceSettings settings;

	/** Whether the breaker is half-open, as its transitions tell. */
	private volatile boolean halfOpen;

	ProductCatalog(ProductHttp http, CircuitBreaker breaker, Retry retry, ProductServiceSettings settings) {
		this.http = http;
		this.breaker = breaker;
		this.retry = retry;
		this.settings = settings;
		this.halfOpen = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
		breaker.getEventPublisher()
			.onStateTransition((event) -> this.halfOpen = event.getStateTransition()
				.getToState() == CircuitBreaker.State.HALF_OPEN);
	}

	/**
	 * @return the product as the product service describes it now, or empty when it does
	 * not exist
	 * @throws ProductServiceUnavailableException (503) when the product service cannot
	 * answer
	 * @throws ProductServiceBadAnswerException (502) when its answer is not a usable
	 * product
	 */
	public Optional<Product> find(long productId) {
		long started = System.nanoTime();
		Lookup lookup = new Lookup(productId, started + this.settings.totalTimeout().toNanos());
		Supplier<Optional<Product>> guarded = Retry.decorateSupplier(this.retry, lookup::nextAttempt);
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			// The breaker's transitions are logged once each; a line per refused request
			// would flood the log. The exception's message names the breaker's state:
			// asking the breaker for it again here failed once under load (an
			// IncompatibleClassChangeError inside resilience4j), turning a 503 into a
			// 500.
			logger.atDebug()
				.addKeyValue("product_id", productId)
				.addKeyValue("circuit_breaker", ex.getCausingCircuitBreakerName())
				.log("product lookup refused without a call ({}), product_id={}", ex.getMessage(), productId);
			throw new ProductServiceUnavailableException(
					"the product service is failing; calls to it are paused for a few seconds, retry shortly",
					this.settings.breakerOpenDuration());
		}
		catch (ProductServiceFailure ex) {
			String cause = (ex.getCause() != null) ? ex.getCause().getClass().getName() : "-";
			logger.atWarn()
				.addKeyValue("product_id", productId)
				.addKeyValue("reason", ex.reason())
				.addKeyValue("cause", cause)
				.log("product lookup failed: product_id={}, reason=\"{}\", cause={}", productId, ex.reason(), cause);
			throw new ProductServiceUnavailableException("the product service is unavailable (it " + ex.reason()
					+ lastOf(lookup.attempts, started) + "); retry shortly", Duration.ofSeconds(1));
		}
		catch (ProductAnswerException ex) {
			logger.atWarn()
				.addKeyValue("product_id", productId)
				.addKeyValue("reason", ex.getMessage())
				.log("product lookup got an unusable answer: product_id={}, reason=\"{}\"", productId, ex.getMessage());
			throw new ProductServiceBadAnswerException("the product service " + ex.getMessage());
		}
	}

	/**
	 * One lookup's attempts. Whether a retry is still worth making is judged twice: when
	 * the first attempt fails (so that a hopeless retry is not waited for), and again
	 * when the retry is due, since the pause may have run long (a loaded machine, a GC
	 * pause) and spent the budget. A retry found too late is not made: the lookup fails
	 * with the first attempt's failure, marked not retryable, so Resilience4j counts it
	 * failed_without_retry, and the breaker counts nothing for a call never made.
	 */
	private final class Lookup {

		private final long productId;

		private final long deadline;

		private final Supplier<Optional<Product>> attemptThroughBreaker;

		private int attempts;

		private ProductServiceFailure firstFailure;

		/**
		 * The first attempt gets exactly the configured limit, so that it uses the HTTP
		 * client made for it once; a retry gets what is left of the lookup's budget.
		 */
		private Duration timeout = ProductCatalog.this.settings.firstAttemptTimeout();

		Lookup(long productId, long deadline) {
			this.productId = productId;
			this.deadline = deadline;
			this.attemptThroughBreaker = CircuitBreaker.decorateSupplier(ProductCatalog.this.breaker, this::attempt);
		}

		/** Called by the retry for the first attempt and again for the retry. */
		Optional<Product> nextAttempt() {
			if (this.firstFailure != null) {
				Duration left = remaining(this.deadline);
				if (left.compareTo(SHORTEST_USEFUL_ATTEMPT) < 0) {
					// Resilience4j logged the retry before its pause.
					logger.atInfo()
						.addKeyValue("product_id", this.productId)
						.addKeyValue("left_ms", left.toMillis())
						.log("product lookup not retried: its budget was spent when the retry was due, product_id={}",
								this.productId);
					throw this.firstFailure.withoutRetry();
				}
				this.timeout = shortest(ProductCatalog.this.settings.responseTimeout(), left);
			}
			try {
				return this.attemptThroughBreaker.get();
			}
			catch (ProductServiceFailure ex) {
				if (this.firstFailure == null) {
					this.firstFailure = ex;
				}
				throw ex;
			}
		}

		private Optional<Product> attempt() {
			boolean first = this.attempts++ == 0;
			try {
				return ProductCatalog.this.http.fetch(this.productId, this.timeout);
			}
			catch (ProductServiceFailure ex) {
				// Only the first attempt's failure can be spared its retry. The retry's
				// own is left as it is, so Resilience4j counts the lookup as
				// failed_with_retry: made not retryable, it was counted
				// failed_without_retry.
				Duration nextAttempt = remaining(this.deadline).minus(ProductCatalog.this.settings.retryBackoff());
				throw (first && (nextAttempt.compareTo(SHORTEST_USEFUL_ATTEMPT) < 0 || isTrial())) ? ex.withoutRetry()
						: ex;
			}
		}

	}

	/**
	 * Whether the breaker is deciding from a few trial calls whether to close. A failed
	 * trial is not retried: the retry would spend a second trial on one request, and two
	 * failures of one lookup made while the product service was down outweighed the
	 * successes after it came back, opening the breaker again. Read from the breaker's
	 * transitions, not by asking the breaker on a failed call, which once threw inside
	 * resilience4j under load (see {@link #find}).
	 */
	private boolean isTrial() {
		return this.halfOpen;
	}

	/**
	 * After a retry, the reason is the last attempt's, whose limit was what the lookup
	 * had left; the whole wait is what the client saw.
	 */
	private static String lastOf(int attempts, long started) {
		return (attempts > 1) ? ", the last of " + attempts + " attempts in "
				+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms" : "";
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration shortest(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
