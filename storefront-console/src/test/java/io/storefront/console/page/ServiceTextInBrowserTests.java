package io.storefront.console.page;

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
 * What a service says is text on the page, never markup: a version and an error holding
 * HTML show as written, in the row and in the drill-down, and add no element to the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceTextInBrowserTests {

	private static final String MARKUP = "<img src=x onerror=\"document.title='injected'\"><script>x()</script>";

	@AutoClose
	private static final FakeService SERVICE = FakeService.start("auth-service").mode(Mode.DEGRADED).says(MARKUP);

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		PolledConsole.settings(registry, SERVICE::entry, "60s", "120s",
				() -> "target/service-text-console-history.jsonl");
	}

	@Test
	void htmlAServiceSendsIsShownAsTextAndAddsNoElement() {
		browser.openTheOnlyRowsReport("degraded");

		assertThat(browser.driver().findElement(By.cssSelector("tr.service td.version")).getText()).startsWith(MARKUP);
		assertThat(browser.driver().findElement(By.cssSelector("tr.service td.reason")).getText())
			.endsWith("write_test: " + MARKUP);
		assertThat(browser.driver().findElement(By.cssSelector("#detail-body td .bad")).getText()).isEqualTo(MARKUP);
		assertThat(browser.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
		assertThat(browser.driver().getTitle()).isEqualTo("Storefront status console");
	}

}
