package io.storefront.cart.product;

/**
 * One call to the product service failed in a way that may pass: it could not be reached,
 * it did not answer in time, or it answered 5xx/429. The circuit breaker counts these;
 * the retry repeats the call once while {@link #retryable()} and the lookup's time budget
 * allow.
 */
class ProductServiceFailure extends RuntimeException {

	private final boolean retryable;

	ProductServiceFailure(String reason, Throwable cause) {
		this(reason, cause, true);
	}

	private ProductServiceFailure(String reason, Throwable cause, boolean retryable) {
		super(reason, cause, false, false);
		this.retryable = retryable;
	}

	boolean retryable() {
		return this.retryable;
	}

	/**
	 * The same failure, marked as not worth another attempt (no time left, or the thread
	 * was interrupted).
	 */
	ProductServiceFailure withoutRetry() {
		return this.retryable ? new ProductServiceFailure(getMessage(), getCause(), false) : this;
	}

	/**
	 * A short reason for logs and problem details, e.g.
	 * {@code "did not answer within 2000 ms"}.
	 */
	String reason() {
		return getMessage();
	}

}
