package io.storefront.console.page;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a chromium that runs no script says it needs JavaScript and where the same
 * data is, and shows nothing else: an empty table under "connecting…" would read as a
 * console that watches nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePageWithoutJavaScriptTests {

	@AutoClose
	private static final FakeService SERVICE = FakeService.start("product-service");

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withoutJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("storefront.console.services", SERVICE::entry);
		registry.add("storefront.console.history-file", () -> "target/no-script-console-history.jsonl");
	}

	@Test
	void thePageSaysItNeedsJavaScriptAndLinksToTheSameDataAsJson() {
		ChromeDriver driver = browser.driver();
		browser.open();

		assertThat(driver.findElement(By.tagName("main")).getText())
			.isEqualTo("This page needs JavaScript to show anything. The same data is at /api/status (JSON).");
		assertThat(driver.findElement(By.id("services")).isDisplayed()).as("the empty table").isFalse();
		assertThat(driver.findElement(By.id("clock")).isDisplayed()).as("connecting…").isFalse();

		WebElement link = driver.findElement(By.linkText("/api/status"));
		link.click();
		assertThat(driver.getCurrentUrl()).isEqualTo(browser.url("/api/status"));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("\"name\":\"product-service\"");
	}

}
