package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database 503s are not logged once per request: the first of a kind at once, then at
 * most one line every 10 s saying how many more there were. A context of its own, so that
 * no other test's 503 was logged first.
 */
@Tag("reliability")
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.test.context=database-failure-log" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseFailureLogTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final String LINE = "request failed with 503";

	@LocalServerPort
	int port;

	@Test
	void aBurstOf503sIsLoggedOnceThenEveryTenSecondsWithTheCountOfTheOthers(CapturedOutput output) throws Exception {
		int before = output.getOut().length();
		AtomicInteger requests = new AtomicInteger();
		long started = System.nanoTime();

		for (int i = 0; i < 50; i++) {
			assertThat(busy(requests)).isEqualTo(503);
		}

		assertThat(lines(output, before)).singleElement()
			.satisfies((line) -> assertThat(line).contains("\"level\":\"WARN\"")
				.contains("no database connection became free in time")
				.contains("(0 more since the last such line)"));

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> busy(requests) == 503 && lines(output, before).size() == 2);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before 10 s")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(lines(output, before).get(1)).as("every request but the two logged ones is counted")
			.contains("(" + (requests.get() - 2) + " more since the last such line)");
	}

	private static List<String> lines(CapturedOutput output, int from) {
		return output.getOut().substring(from).lines().filter((line) -> line.contains(LINE)).toList();
	}

	private int busy(AtomicInteger requests) throws Exception {
		requests.incrementAndGet();
		return client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/database/busy")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

}
