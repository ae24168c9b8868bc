package io.storefront.console.page;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.PageAge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An age is said one way wherever the page says it: a stopped instance's row said "17.7 s
 * ago" beside its last-known cells' "last known, 18 s ago", which read as two answers of
 * different times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgesInBrowserTests {

	/** Stopped by the test that needs its row down. */
	@AutoClose
	private static final FakeService SERVICE = FakeService.start("auth-service");

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		PolledConsole.settings(registry, SERVICE::entry, "1s", "2s", () -> "target/ages-console-history.jsonl");
	}

	/**
	 * The console's answers reach the page with their ages set to 17.7 s, so that every
	 * place is seen saying the same age, however long the test takes.
	 */
	@Test
	void theRowItsLastKnownCellsAndTheDrillDownSayAnAgeAlike() {
		browser.openTheOnlyRowsReport("healthy");
		SERVICE.close();
		browser.waitUntil((driver) -> !driver.findElements(By.cssSelector("tr.service[data-health='down']")).isEmpty());

		browser.script("""
				const realFetch = window.fetch;
				window.pinned = { status: 0, detail: 0 };
				window.fetch = async (url, options) => {
				  const answer = await realFetch(url, options);
				  const data = await answer.json();
				  if (url === '/api/status') {
				    data.services.forEach((row) => { row.lastSeenSecondsAgo = 17.7; });
				    window.pinned.status++;
				  } else {
				    data.ageSeconds = 17.7;
				    window.pinned.detail++;
				  }
				  return new Response(JSON.stringify(data), { status: answer.status, headers: answer.headers });
				};""");
		// a second pinned answer is asked for only once the first is shown
		browser.waitUntil(
				(driver) -> (Boolean) browser.script("return window.pinned.status >= 2 && window.pinned.detail >= 2;"));

		assertThat(browser.script("""
				return document.querySelector('tr.service td.last-seen').firstChild.textContent;"""))
			.as("the row's last answer")
			.isEqualTo("17 s ago");
		assertThat(browser.script("""
				return [...document.querySelectorAll('tr.service .dated-note')].map((note) => note.textContent);"""))
			.as("its version, database and pool")
			.isEqualTo(List.of("last known, 17 s ago", "last known, 17 s ago", "last known, 17 s ago"));
		assertThat(browser.driver().findElement(By.id("detail-body")).getText()).as("the drill-down")
			.contains("last known, 17 s ago, as of ");
	}

	/**
	 * Tenths while they tell the polls of a short interval apart, then whole seconds and
	 * minutes; rounded down, as a clock counts, never up into the next second.
	 */
	@Test
	void anAgeHasTenthsBelowTenSecondsAndWholeUnitsFromThere() {
		browser.open();
		browser.waitUntil((driver) -> !driver.findElements(By.cssSelector("tr.service")).isEmpty());

		assertThat(browser.script("return [0, 0.049, 2.3, 9.99, 10, 17.7, 59.9, 60, 3723].map(ago);"))
			.isEqualTo(List.of("0.0 s ago", "0.0 s ago", "2.3 s ago", "9.9 s ago", "10 s ago", "17 s ago", "59 s ago",
					"1 min ago", "1 h 2 min ago"));
	}

	/**
	 * What a test reads back from an age the page shows is how long ago it says, in every
	 * form the page writes one: tenths, whole seconds, minutes, hours and minutes, days.
	 */
	@Test
	void anAgeOnThePageIsReadBackAsTheSecondsItSays() {
		browser.open();
		browser.waitUntil((driver) -> !driver.findElements(By.cssSelector("tr.service")).isEmpty());
		List<Double> ages = List.of(0.0, 2.3, 17.0, 60.0, 3720.0, 172800.0);

		@SuppressWarnings("unchecked")
		List<String> shown = (List<String>) browser.driver().executeScript("return arguments[0].map(ago);", ages);

		assertThat(shown).as("one of each form").doesNotHaveDuplicates();
		assertThat(shown.stream().map(PageAge::seconds).toList()).as("read back from %s", shown).isEqualTo(ages);
	}

	/**
	 * A length of time the page writes (how often the console polls, how long the page
	 * waits for it) has a point whatever the browser's language, as the console writes
	 * one in a reason ({@code no answer within 0.2 s}): a German browser wrote
	 * {@code polled every 0,2 s}.
	 */
	@Test
	void aBrowserInGermanWritesSecondsAsTheConsoleDoes() {
		browser.driver().executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "de-DE"));
		try {
			browser.open();
			browser.waitUntil((driver) -> !driver.findElement(By.id("cadence")).getText().isEmpty());

			assertThat(browser.script("return (0.2).toLocaleString();")).as("a browser in German").isEqualTo("0,2");
			assertThat(browser.driver().findElement(By.id("cadence")).getText())
				.isEqualTo("polled every 0.2 s; stale after 1 s, down after 2 s without an answer");
			assertThat(browser.script("return [200, 250, 1500, 4000, 90000].map(seconds);"))
				.isEqualTo(List.of("0.2 s", "0.25 s", "1.5 s", "4 s", "90 s"));
		}
		finally {
			browser.driver().executeCdpCommand("Emulation.setLocaleOverride", Map.of());
		}
	}

}
