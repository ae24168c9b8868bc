package io.storefront.cart.product;

/**
 * The product service answered, but not with something the cart can use (an unexpected
 * status, a body that is not a valid product). Repeating the call would not help, so it
 * is neither retried nor counted by the circuit breaker.
 */
class ProductAnswerException extends RuntimeException {

	ProductAnswerException(String reason) {
		super(reason, null, false, false);
	}

}
