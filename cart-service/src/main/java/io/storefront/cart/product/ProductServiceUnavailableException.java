package io.storefront.cart.product;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 503 with {@code Retry-After}: the product service is down, too slow, failing, or the
 * breaker is open.
 */
public class ProductServiceUnavailableException extends ErrorResponseException {

	ProductServiceUnavailableException(String detail, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, detail), null);
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

}
