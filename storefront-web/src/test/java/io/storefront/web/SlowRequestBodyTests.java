package io.storefront.web;

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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.testing.TricklingClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send their body a byte at a time, over real sockets: they do not hold the
 * request turns (two here), and each is cut off once the body deadline (15 s here)
 * passes: answered 408 and closed, or, when the connection is reset before the answer
 * reaches the client, only closed. The reset may hide the 408 from some of them, never
 * from all.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-concurrent-requests=2",
				"storefront.web.request-body-timeout=" + SlowRequestBodyTests.DEADLINE_SECONDS + "s" })
class SlowRequestBodyTests {

	static final int DEADLINE_SECONDS = 15;

	private static final Duration DEADLINE = Duration.ofSeconds(DEADLINE_SECONDS);

	/**
	 * A trickler starts timing before it connects, so it sees the deadline no sooner than
	 * the server; this only absorbs the clocks' granularity.
	 */
	private static final Duration EARLY_TOLERANCE = Duration.ofMillis(500);

	/**
	 * What Tomcat's once-a-second check for timed out requests and a loaded two-core
	 * machine may add to the deadline.
	 */
	private static final Duration LATE_MARGIN = Duration.ofSeconds(10);

	private static final int TRICKLERS = 10;

	/**
	 * Shorter than the body deadline: an answer within it cannot have waited for a
	 * trickler to be cut off.
	 */
	private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Test
	void tricklingBodiesHoldNoRequestTurnsWhileOtherRequestsAreAnswered() throws Exception {
		CountDownLatch started = new CountDownLatch(TRICKLERS);
		try (ExecutorService tricklers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<CutOff>> answers = new ArrayList<>();
			for (int i = 0; i < TRICKLERS; i++) {
				answers.add(tricklers.submit(() -> {
					long begun = System.nanoTime();
					String text = TricklingClient.post(this.port, "/orders", started);
					return new CutOff(text, Duration.ofNanos(System.nanoTime() - begun));
				}));
			}
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

			HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/orders/1")).GET());
			HttpResponse<String> write = send(HttpRequest.newBuilder(uri("/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"x\",\"quantity\":2}")));

			assertThat(read.statusCode()).isEqualTo(404);
			assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
			assertThat(write.body()).contains("\"quantity\":2");
			List<CutOff> cutOffs = new ArrayList<>();
			for (Future<CutOff> answer : answers) {
				cutOffs.add(answer.get(60, TimeUnit.SECONDS));
			}
			// The 408 is sent to every one of them (docs/abuse-limits.md); a reset may
			// keep it from some, not from all.
			assertThat(cutOffs).as("answered 408")
				.anySatisfy((cutOff) -> assertThat(cutOff.text()).startsWith("HTTP/1.1 408"));
			for (CutOff cutOff : cutOffs) {
				assertThat(cutOff.text()).satisfiesAnyOf((text) -> assertThat(text).isEqualTo(TricklingClient.CLOSED),
						(text) -> assertThat(text).startsWith("HTTP/1.1 408")
							.contains("application/problem+json")
							.contains("\"status\":408"));
				assertThat(cutOff.after()).as("cut off once the body deadline of %s passed", DEADLINE)
					.isBetween(DEADLINE.minus(EARLY_TOLERANCE), DEADLINE.plus(LATE_MARGIN));
			}
		}
	}

	/**
	 * What a trickler was answered, and how long after it started sending it was cut off.
	 */
	private record CutOff(String text, Duration after) {
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.timeout(ANSWER_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
