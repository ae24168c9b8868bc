package io.storefront.console.page;

import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import io.storefront.console.HeadlessChromium;

/**
 * Headless chromium on the console a {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)} class starts: one browser for the class's tests, started before the
 * first, closed after the last, with the console's address taken from the test's
 * application context. Registered on a static field, so that the class's
 * {@code @BeforeAll} methods find the browser started.
 */
final class ConsoleInBrowser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final boolean javaScript;

	private HeadlessChromium browser;

	private int port;

	private ConsoleInBrowser(boolean javaScript) {
		this.javaScript = javaScript;
	}

	static ConsoleInBrowser withJavaScript() {
		return new ConsoleInBrowser(true);
	}

	/** As a browser with JavaScript turned off. */
	static ConsoleInBrowser withoutJavaScript() {
		return new ConsoleInBrowser(false);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.browser = this.javaScript ? HeadlessChromium.start() : HeadlessChromium.withoutJavaScript();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.browser != null) {
			this.browser.close();
			this.browser = null;
		}
	}

	ChromeDriver driver() {
		return this.browser.driver();
	}

	/** The console's URL of {@code path}, which starts with {@code /}. */
	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** Loads the console's page. */
	void open() {
		driver().get(url("/"));
	}

	/**
	 * Loads the page of a console that watches one instance, waits until its row shows
	 * {@code health}, and opens the row's drill-down until its report is shown.
	 */
	void openTheOnlyRowsReport(String health) {
		open();
		waitUntil((
				driver) -> driver.findElements(By.cssSelector("tr.service[data-health='" + health + "']")).size() == 1);
		driver().findElement(By.cssSelector("tr.service button")).click();
		waitUntil((driver) -> !driver.findElements(By.cssSelector("#operation-tests tr")).isEmpty());
	}

	Object script(String code) {
		return driver().executeScript(code);
	}

	void waitUntil(Function<WebDriver, Boolean> condition) {
		waitUntil(WAIT, condition);
	}

	void waitUntil(Duration limit, Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver(), limit, Duration.ofMillis(100)).until(condition);
	}

}
