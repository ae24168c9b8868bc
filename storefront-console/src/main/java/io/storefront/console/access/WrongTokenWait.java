package io.storefront.console.access;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.storefront.problem.Problems;

/**
 * The answer to an address that gave too many wrong tokens, whatever it gives now: 429
 * with how long to wait, so that the right token is not taken for a wrong one.
 */
public final class WrongTokenWait {

	private WrongTokenWait() {
	}

	public static ResponseEntity<?> answer(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return ResponseEntity
			.of(Problems.of(HttpStatus.TOO_MANY_REQUESTS,
					"too many wrong tokens from this address; try again in " + seconds + " s"))
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.build();
	}

}
