package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A complete body over the large size (here 8 KB) is processed only in one of the large
 * bodies' turns (here one), over real HTTP: while one is processed, another waits at most
 * the wait (here 2 s), then gets 503 with {@code Retry-After} and gives its bytes back to
 * the bodies' budget (here 24 KB, as large as one body may be); small bodies go on.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.large-request-body=8KB", "storefront.web.max-concurrent-large-bodies=1",
				"storefront.web.large-body-max-wait=2s", "storefront.web.max-request-body=24KB",
				"storefront.web.max-buffered-bodies=24KB" })
class LargeBodyTurnsTests {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Test
	void aLargeBodyWaitsForTheTurnAnotherHoldsAndIsRefusedAfterTheWaitWhileSmallOnesGoOn() throws Exception {
		SampleWebApplication.SampleController.ENTERED.drainPermits();
		SampleWebApplication.SampleController.HELD.drainPermits();
		CompletableFuture<HttpResponse<String>> holder = client.sendAsync(post("/held", order(10_000)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(SampleWebApplication.SampleController.ENTERED.tryAcquire(30, TimeUnit.SECONDS))
			.as("the large body's request is being processed")
			.isTrue();

		HttpResponse<String> refused = send("/orders", order(10_000));
		HttpResponse<String> small = send("/orders", order(100));

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"detail\":\"too many large request bodies at once; retry shortly\"");
		assertThat(small.statusCode()).as("a small body needs no turn").isEqualTo(201);

		SampleWebApplication.SampleController.HELD.release();
		assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		// The holder's answer may reach the client a moment before the filter gives the
		// turn back: the wait covers that.
		assertThat(send("/orders", order(10_000)).statusCode()).as("the turn is back").isEqualTo(201);
		assertThat(send("/orders", order(10_000)).statusCode()).as("and back again").isEqualTo(201);
		assertThat(send("/orders", order(24 * 1024)).statusCode())
			.as("a body of the largest size needs the whole budget: the refused body gave its bytes back")
			.isEqualTo(201);
	}

	/** An order whose body is about {@code bytes} long. */
	private static String order(int bytes) {
		return "{\"product_name\":\"" + "x".repeat(Math.max(1, bytes - 40)) + "\",\"quantity\":2}";
	}

	private HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(String path, String body) throws Exception {
		return client.send(post(path, body), HttpResponse.BodyHandlers.ofString());
	}

}
