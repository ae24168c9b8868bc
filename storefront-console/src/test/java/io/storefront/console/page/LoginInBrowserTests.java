package io.storefront.console.page;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong access token typed into the login form is told so where a screen reader hears
 * it: the message is an alert, and it describes the token field it is about.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginInBrowserTests {

	@AutoClose
	private static final FakeService SERVICE = FakeService.start("auth-service");

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("storefront.console.services", SERVICE::entry);
		registry.add("storefront.console.access-token", () -> "the-right-access-token");
		registry.add("storefront.console.history-file", () -> "target/login-console-history.jsonl");
	}

	@Test
	void aWrongTokenIsToldAsAnAlertThatDescribesTheTokenField() {
		browser.open();
		browser.waitUntil((driver) -> driver.findElement(By.id("login")).isDisplayed());
		WebElement token = browser.driver().findElement(By.name("token"));
		token.sendKeys("a-wrong-access-token");
		token.submit();

		browser.waitUntil((driver) -> driver.findElement(By.id("login-failed")).isDisplayed());
		WebElement failed = browser.driver().findElement(By.id("login-failed"));
		assertThat(failed.getText()).isEqualTo("wrong token");
		assertThat(failed.getAttribute("role")).isEqualTo("alert");
		assertThat(browser.driver().findElement(By.name("token")).getAttribute("aria-describedby"))
			.isEqualTo("login-failed");
	}

}
