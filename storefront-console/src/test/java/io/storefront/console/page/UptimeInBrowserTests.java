package io.storefront.console.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;

/**
 * Two minutes after the console started, a row said "uptime: 1 h 100 %, 24 h 100 %", read
 * as up the whole day. Each share now says how much of its window was watched when that
 * is less than the window, and a window without a sample says so. The history file is
 * written before the console starts: a day of one instance, two minutes three hours ago
 * of another, and of a third half an hour in this hour and forty minutes before it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UptimeInBrowserTests {

	private static final Path HISTORY = Path.of("target/uptime-console-history.jsonl");

	@AutoClose
	private static final FakeService WATCHED_ALL_DAY = FakeService.start("product-service");

	@AutoClose
	private static final FakeService NEW = FakeService.start("cart-service");

	/** Nothing listens there: pending until stale-after, long here. */
	private static final String SILENT = "auth-service=" + nobodyListening();

	private static final String SILENT_NOW_WATCHED_BEFORE = "product-service=" + nobodyListening();

	/** Watched for less than a day, and less than the hour in this hour. */
	private static final String SILENT_NOW_WATCHED_IN_PARTS = "cart-service=" + nobodyListening();

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws IOException {
		writeHistory();
		PolledConsole.settings(registry, () -> String.join(",", WATCHED_ALL_DAY.entry(), NEW.entry(), SILENT,
				SILENT_NOW_WATCHED_BEFORE, SILENT_NOW_WATCHED_IN_PARTS), "5m", "10m", HISTORY::toString);
	}

	/**
	 * Every minute of the last day, this one included, for one instance: the console,
	 * started within the minute, samples every one after it. Two minutes three hours ago
	 * for another. For a third, the last half hour but this minute, and forty minutes
	 * before the hour: neither part near the hour's first minute, which moves on should
	 * the test run into the next minute.
	 */
	private static void writeHistory() throws IOException {
		long now = Math.floorDiv(Instant.now().toEpochMilli(), 60_000L);
		List<String> lines = new ArrayList<>();
		for (long minute = now - 24 * 60; minute <= now; minute++) {
			lines.add(minuteLine(WATCHED_ALL_DAY.entry(), minute));
		}
		lines.add(minuteLine(SILENT_NOW_WATCHED_BEFORE, now - 180));
		lines.add(minuteLine(SILENT_NOW_WATCHED_BEFORE, now - 179));
		for (long minute = now - 100; minute <= now - 61; minute++) {
			lines.add(minuteLine(SILENT_NOW_WATCHED_IN_PARTS, minute));
		}
		for (long minute = now - 30; minute <= now - 1; minute++) {
			lines.add(minuteLine(SILENT_NOW_WATCHED_IN_PARTS, minute));
		}
		Files.createDirectories(HISTORY.getParent());
		Files.write(HISTORY, lines);
	}

	private static String minuteLine(String entry, long minute) {
		String key = entry.replaceFirst("=", "@");
		return "{\"k\":\"" + key + "\",\"m\":" + minute + ",\"c\":{\"healthy\":12}}";
	}

	@Test
	void eachUptimeSaysHowMuchOfItsWindowWasWatched() {
		browser.open();
		browser
			.waitUntil((driver) -> driver.findElements(By.cssSelector("tr.service[data-health='healthy']")).size() == 2
					&& uptime(1).contains("%"));

		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(uptime(0)).as("a whole day watched").isEqualTo("uptime: 1 h 100.0 %, 24 h 100.0 %");
			softly.assertThat(uptime(1))
				.as("watched since the console started")
				.matches("uptime: 1 h 100\\.0 % \\(of [12] min watched\\), 24 h 100\\.0 % \\(of [12] min watched\\)");
			softly.assertThat(uptime(2)).as("never answered").isEqualTo("uptime: – (nothing sampled yet)");
			softly.assertThat(uptime(3))
				.as("watched before this hour only")
				.isEqualTo("uptime: 1 h – (nothing sampled), 24 h 100.0 % (of 2 min watched)");
			softly.assertThat(uptime(4))
				.as("watched for part of the hour, and for more than an hour of the day")
				.isEqualTo("uptime: 1 h 100.0 % (of 30 min watched), 24 h 100.0 % (of 1 h 10 min watched)");
		});
	}

	/** The row's uptime line, with its no-break spaces as spaces. */
	private static String uptime(int row) {
		return browser.driver()
			.findElements(By.cssSelector("tr.service .uptime"))
			.get(row)
			.getAttribute("textContent")
			.replace('\u00a0', ' ');
	}

	/** The URL of a port that was free a moment ago. */
	private static String nobodyListening() {
		FakeService gone = FakeService.start("auth-service");
		String url = gone.url();
		gone.close();
		return url;
	}

}
