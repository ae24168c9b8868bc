package io.storefront.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.storefront.web.testing.TricklingClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More clients trickling a login body than there are request turns (two here): the health
 * probes and the JWKS keep answering, and each trickler is cut off once the body deadline
 * (15 s here) passes.
 */
class SlowRequestsTests {

	private static final int TRICKLERS = 10;

	/**
	 * Shorter than the body deadline: an answer within it cannot have waited for a
	 * trickler to be cut off.
	 */
	private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void tricklingLoginsLeaveTheHealthProbesAndTheJwksAnswering() throws Exception {
		try (AuthInstance auth = AuthInstance.start("--storefront.web.max-concurrent-requests=2",
				"--storefront.web.request-body-timeout=15s");
				ExecutorService tricklers = Executors.newVirtualThreadPerTaskExecutor()) {
			CountDownLatch started = new CountDownLatch(TRICKLERS);
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < TRICKLERS; i++) {
				answers.add(tricklers.submit(() -> TricklingClient.post(auth.port(), "/auth/login", started)));
			}
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

			for (String probe : List.of("/health", "/health/ready", "/.well-known/jwks.json")) {
				HttpResponse<String> answer = client
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + auth.port() + probe))
						.timeout(ANSWER_LIMIT)
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			}
			for (Future<String> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).satisfiesAnyOf(
						(text) -> assertThat(text).isEqualTo(TricklingClient.CLOSED),
						(text) -> assertThat(text).startsWith("HTTP/1.1 408").contains("\"status\":408"));
			}
		}
	}

}
