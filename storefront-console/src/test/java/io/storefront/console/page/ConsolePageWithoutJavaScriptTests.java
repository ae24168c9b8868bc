package io.storefront.console.page;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a chromium that runs no script says it needs JavaScript and where the same
 * data is, and shows nothing else: an empty table under "connecting…" would read as a
 * console that watches nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePageWithoutJavaScriptTests {

	private static FakeService service;

	private static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws IOException {
		service = FakeService.start("product-service");
		registry.add("storefront.console.services", service::entry);
		registry.add("storefront.console.history-file", () -> "target/no-script-console-history.jsonl");
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = HeadlessChromium.withoutJavaScript();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		service.close();
	}

	@Test
	void thePageSaysItNeedsJavaScriptAndLinksToTheSameDataAsJson() {
		ChromeDriver driver = browser.driver();
		driver.get("http://127.0.0.1:" + this.port + "/");

		assertThat(driver.findElement(By.tagName("main")).getText())
			.isEqualTo("This page needs JavaScript to show anything. The same data is at /api/status (JSON).");
		assertThat(driver.findElement(By.id("services")).isDisplayed()).as("the empty table").isFalse();
		assertThat(driver.findElement(By.id("clock")).isDisplayed()).as("connecting…").isFalse();

		WebElement link = driver.findElement(By.linkText("/api/status"));
		link.click();
		assertThat(driver.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + this.port + "/api/status");
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("\"name\":\"product-service\"");
	}

}
