package io.storefront.console.page;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;
import io.storefront.console.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between an instance's first failed poll and its going stale, its row shows its health
 * as last known: the drill-down says the same of its report. Stale-after is long here, so
 * that the test sees that window and not the stale state after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DrillDownWhilePollsFailInBrowserTests {

	private static FakeService service;

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws IOException {
		service = FakeService.start("auth-service");
		registry.add("storefront.console.services", service::entry);
		registry.add("storefront.console.poll-interval", () -> "200ms");
		registry.add("storefront.console.stale-after", () -> "60s");
		registry.add("storefront.console.down-after", () -> "120s");
		registry.add("storefront.console.history-file", () -> "target/failing-polls-console-history.jsonl");
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		service.close();
	}

	@Test
	void theDrillDownOfAnInstanceWhosePollsFailIsMarkedLastKnownAsItsRowIs() {
		driver().get("http://127.0.0.1:" + this.port + "/");
		waitUntil((driver) -> driver.findElements(By.cssSelector("tr.service[data-health='healthy']")).size() == 1);
		driver().findElement(By.cssSelector("tr.service button")).click();
		waitUntil((driver) -> !driver.findElements(By.cssSelector("#operation-tests tr")).isEmpty());
		assertThat(driver().findElement(By.id("detail-body")).getText()).doesNotContain("last known");

		service.mode(Mode.GARBAGE);

		waitUntil(
				(driver) -> !driver.findElements(By.cssSelector("tr.service:not([data-failed-polls='0'])")).isEmpty());
		assertThat(driver().findElement(By.cssSelector("tr.service")).getText()).contains("last known");
		waitUntil((driver) -> driver.findElement(By.id("detail-body")).getText().contains("last known"));
		assertThat(driver().findElement(By.id("detail-body")).getText())
			.matches("(?s)Overall: healthy last known, \\d+ s ago, as of \\d\\d:\\d\\d:\\d\\d UTC "
					+ "\\(instance now healthy last known\\).*");
		assertThat(driver().findElement(By.cssSelector("tr.service")).getAttribute("data-health"))
			.as("still in the window before stale")
			.isEqualTo("healthy");
		assertThat(script("""
				return [...document.querySelectorAll('#detail-body p .badge')]
				    .map((badge) => getComputedStyle(badge).backgroundColor);"""))
			.as("not greyed, as the row's cells are not until stale")
			.isEqualTo(List.of("rgb(46, 125, 50)", "rgb(46, 125, 50)"));
	}

	private static ChromeDriver driver() {
		return browser.driver();
	}

	private static Object script(String code) {
		return driver().executeScript(code);
	}

	private static void waitUntil(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver(), Duration.ofSeconds(10), Duration.ofMillis(100)).until(condition);
	}

}
