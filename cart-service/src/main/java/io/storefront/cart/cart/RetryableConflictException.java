package io.storefront.cart.cart;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 409 with {@code Retry-After: 1}: the request conflicted with other changes to the same
 * cart, not with what the cart holds, so the same request may well succeed a moment
 * later.
 */
class RetryableConflictException extends ErrorResponseException {

	static final String RETRY_AFTER_SECONDS = "1";

	RetryableConflictException(String detail) {
		super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, detail), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

}
