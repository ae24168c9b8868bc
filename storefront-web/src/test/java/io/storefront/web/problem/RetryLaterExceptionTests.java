package io.storefront.web.problem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class RetryLaterExceptionTests {

	@Test
	void retryAfterRoundsUpSoAClientThatObeysItIsNotRefusedAgain() {
		assertThat(retryAfter(Duration.ofMillis(9_900))).isEqualTo("10");
		assertThat(retryAfter(Duration.ofMillis(1_001))).isEqualTo("2");
		assertThat(retryAfter(Duration.ofSeconds(1))).isEqualTo("1");
	}

	@Test
	void retryAfterIsNeverBelowOneSecond() {
		assertThat(retryAfter(Duration.ofMillis(1))).isEqualTo("1");
		assertThat(retryAfter(Duration.ofNanos(1))).isEqualTo("1");
		assertThat(retryAfter(Duration.ZERO)).isEqualTo("1");
	}

	@Test
	void aRateLimitIs429AndABusyServiceIs503() {
		assertThat(RetryLaterException.rateLimited("slow down", Duration.ofSeconds(1)).getStatusCode())
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(RetryLaterException.busy("busy", Duration.ofSeconds(1)).getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	private static String retryAfter(Duration wait) {
		String rateLimited = RetryLaterException.rateLimited("slow down", wait)
			.getHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		String busy = RetryLaterException.busy("busy", wait).getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(busy).isEqualTo(rateLimited);
		return rateLimited;
	}

}
