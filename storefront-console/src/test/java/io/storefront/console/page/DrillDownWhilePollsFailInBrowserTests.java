package io.storefront.console.page;

import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between an instance's first failed poll and its going stale, its row shows its health
 * as last known: the drill-down says the same of its report. Stale-after is long here, so
 * that the test sees that window and not the stale state after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DrillDownWhilePollsFailInBrowserTests {

	@AutoClose
	private static final FakeService SERVICE = FakeService.start("auth-service");

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		PolledConsole.settings(registry, SERVICE::entry, "60s", "120s",
				() -> "target/failing-polls-console-history.jsonl");
	}

	@Test
	void theDrillDownOfAnInstanceWhosePollsFailIsMarkedLastKnownAsItsRowIs() {
		browser.openTheOnlyRowsReport("healthy");
		assertThat(browser.driver().findElement(By.id("detail-body")).getText()).doesNotContain("last known");

		SERVICE.mode(Mode.GARBAGE);

		browser.waitUntil(
				(driver) -> !driver.findElements(By.cssSelector("tr.service:not([data-failed-polls='0'])")).isEmpty());
		assertThat(browser.driver().findElement(By.cssSelector("tr.service")).getText()).contains("last known");
		browser.waitUntil((driver) -> driver.findElement(By.id("detail-body")).getText().contains("last known"));
		assertThat(browser.driver().findElement(By.id("detail-body")).getText())
			.matches("(?s)Overall: healthy last known, \\d+(\\.\\d)? s ago, as of \\d\\d:\\d\\d:\\d\\d UTC "
					+ "\\(instance now healthy last known\\).*");
		assertThat(browser.driver().findElement(By.cssSelector("tr.service")).getAttribute("data-health"))
			.as("still in the window before stale")
			.isEqualTo("healthy");
		assertThat(browser.script("""
				return [...document.querySelectorAll('#detail-body p .badge')]
				    .map((badge) => getComputedStyle(badge).backgroundColor);"""))
			.as("not greyed, as the row's cells are not until stale")
			.isEqualTo(List.of("rgb(46, 125, 50)", "rgb(46, 125, 50)"));
	}

}
