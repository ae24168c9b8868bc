package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
 * most one line every 10 s saying how many more there were: by the next 503, or, once the
 * burst is over, 10 s after its last 503 even when no request follows. A context of its
 * own, so that no other test's 503 was logged first; each test fails a kind of its own,
 * so that none finds another's 10 s under way. The recovery that ends an outage is told
 * by hand here, as the health probe tells it.
 *
 * <p>
 * Other tests' contexts stay cached in this JVM with their own 503 logs, and their counts
 * are written by their own threads while these tests capture the output. Those threads
 * are named after their context, and this one has a name of its own, so their lines are
 * left out ({@link #isOwn}).
 */
@Tag("reliability")
@SpringBootTest(classes = { SampleWebApplication.class, ManualRecovery.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"spring.application.name=" + DatabaseFailureLogTests.CONTEXT })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseFailureLogTests {

	static final String CONTEXT = "database-failure-log-tests";

	private static final String FLUSH_THREAD = "\"thread_name\":\"database-failure-counts-";

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final String LINE = "request failed with 503";

	private static final Pattern MORE_SINCE_LAST_LINE = Pattern.compile("\"more_since_last_line\":(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	ManualRecovery recovery;

	@Test
	void aBurstOf503sThatEndsIsLoggedOnceThenItsCountTenSecondsLaterWithoutAnotherRequest(CapturedOutput output)
			throws Exception {
		int before = output.getOut().length();
		long started = System.nanoTime();

		for (int i = 0; i < 50; i++) {
			assertThat(status("/database/busy")).isEqualTo(503);
		}

		assertThat(lines(output, before, "pool_exhausted")).singleElement()
			.satisfies((line) -> assertThat(line).contains("\"level\":\"WARN\"")
				.contains("no database connection became free in time")
				.contains("(0 more since the last such line)"));

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> lines(output, before, "pool_exhausted").size() == 2);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before 10 s")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(lines(output, before, "pool_exhausted").get(1)).as("the 49 requests not logged one by one")
			.contains("\"level\":\"WARN\"", "request failed with 503, count only",
					"no database connection became free in time", "(49 more since the last such line)");
	}

	@Test
	void theCountsOfABurstThatGoesOnPastTenSecondsAddUpToThe503sServedOnceItEnds(CapturedOutput output)
			throws Exception {
		int before = output.getOut().length();
		int served = 0;
		long started = System.nanoTime();
		while (System.nanoTime() - started < Duration.ofSeconds(12).toNanos()) {
			assertThat(status("/database/commit")).isEqualTo(503);
			served++;
			Thread.sleep(50);
		}
		int all = served;

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> requestsCounted(lines(output, before, "commit_outcome_unknown")) == all);

		List<String> lines = lines(output, before, "commit_outcome_unknown");
		assertThat(lines.get(1)).as("written by a 503 while the burst went on, not as a count only")
			.doesNotContain("count only");
		assertThat(lines).as("one line at first, at most one per 10 s after: %d 503s", served)
			.hasSizeBetween(2, 3)
			.allSatisfy((line) -> assertThat(line).contains("\"level\":\"WARN\"",
					"the database connection was lost while the change was being committed"));
	}

	@Test
	void theCountNotYetLoggedWhenTheDatabaseRecoversIsLoggedThen(CapturedOutput output) throws Exception {
		int before = output.getOut().length();
		int served = 0;
		for (int i = 0; i < 30; i++) {
			assertThat(status("/database/down")).isEqualTo(503);
			served++;
		}
		assertThat(lines(output, before, "database_unavailable")).as("one line, then only counted").hasSize(1);

		this.recovery.recover();

		List<String> lines = lines(output, before, "database_unavailable");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).contains("\"level\":\"WARN\"", "the database is unavailable",
				"until the database recovered");
		assertThat(requestsCounted(lines)).as("every 503 served is in the log's counts").isEqualTo(served);
	}

	/** A line counts its own request too, unless it only reports a count. */
	private static long requestsCounted(List<String> lines) {
		return lines.stream().mapToLong((line) -> {
			boolean countOnly = line.contains("until the database recovered") || line.contains("count only");
			return (countOnly ? 0 : 1) + moreSinceLastLine(line);
		}).sum();
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

	/** This context's lines of one kind of 503. */
	private static List<String> lines(CapturedOutput output, int from, String reason) {
		return output.getOut()
			.substring(from)
			.lines()
			.filter((line) -> line.contains(LINE) && line.contains("\"reason\":\"" + reason + "\""))
			.filter(DatabaseFailureLogTests::isOwn)
			.toList();
	}

	/**
	 * Written by this context: in answer to its requests (no other test runs meanwhile),
	 * or by its own flush thread, never by another context's.
	 */
	private static boolean isOwn(String line) {
		return !line.contains(FLUSH_THREAD) || line.contains(FLUSH_THREAD + CONTEXT + "\"");
	}

}
