package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.db.testing.ManualRecovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database 503s are not logged once per request: the first of a kind at once, then at
 * most one line every 10 s saying how many more there were. A context of its own, so that
 * no other test's 503 was logged first. The recovery that ends an outage is told by hand
 * here, as the health probe tells it.
 */
@Tag("reliability")
@SpringBootTest(classes = { SampleWebApplication.class, ManualRecovery.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.test.context=database-failure-log" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseFailureLogTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final String LINE = "request failed with 503";

	private static final Pattern MORE_SINCE_LAST_LINE = Pattern.compile("\"more_since_last_line\":(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	ManualRecovery recovery;

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

	@Test
	void theCountNotYetLoggedWhenTheDatabaseRecoversIsLoggedThen(CapturedOutput output) throws Exception {
		int before = output.getOut().length();
		int served = 0;
		for (int i = 0; i < 30; i++) {
			assertThat(status("/database/down")).isEqualTo(503);
			served++;
		}
		assertThat(outageLines(output, before)).as("one line, then only counted").hasSize(1);

		this.recovery.recover();

		List<String> lines = outageLines(output, before);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).contains("\"level\":\"WARN\"", "\"reason\":\"database_unavailable\"",
				"until the database recovered");
		assertThat(lines.stream().mapToLong(DatabaseFailureLogTests::requestsCounted).sum())
			.as("every 503 served is in the log's counts")
			.isEqualTo(served);
	}

	private static List<String> outageLines(CapturedOutput output, int from) {
		return lines(output, from).stream().filter((line) -> line.contains("the database is unavailable")).toList();
	}

	/** A line counts its own request too, unless it only reports the recovery. */
	private static long requestsCounted(String line) {
		return (line.contains("until the database recovered") ? 0 : 1) + moreSinceLastLine(line);
	}

	private static long moreSinceLastLine(String line) {
		Matcher more = MORE_SINCE_LAST_LINE.matcher(line);
		assertThat(more.find()).as(line).isTrue();
		return Long.parseLong(more.group(1));
	}

	private int status(String path) throws Exception {
		return client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode();
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
