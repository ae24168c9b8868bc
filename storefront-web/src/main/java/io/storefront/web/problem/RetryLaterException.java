package io.storefront.web.problem;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 429 (this client or account asked too often) or 503 (the service is too busy for
 * anyone) as problem+json, with {@code Retry-After} in whole seconds, never below one.
 */
public class RetryLaterException extends ErrorResponseException {

	private RetryLaterException(HttpStatus status, String detail, Duration retryAfter) {
		super(status, Problems.of(status, detail), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
	}

	public static RetryLaterException rateLimited(String detail, Duration retryAfter) {
		return new RetryLaterException(HttpStatus.TOO_MANY_REQUESTS, detail, retryAfter);
	}

	public static RetryLaterException busy(String detail, Duration retryAfter) {
		return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfter);
	}

	static long seconds(Duration retryAfter) {
		long millis = Math.max(retryAfter.toMillis(), 1);
		return (millis + 999) / 1000;
	}

}
