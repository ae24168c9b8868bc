package io.storefront.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's chromium, driven through Debian's chromedriver: both named explicitly, so
 * Selenium never looks for (or downloads) a browser of its own. Headless, with a fresh
 * profile, nothing that calls home, and the page's console messages kept for the test to
 * read. The console's browser tests use it, and storefront-launcher's through this
 * module's test jar.
 */
public final class HeadlessChromium implements AutoCloseable {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	public static HeadlessChromium start() throws IOException {
		return start(Map.of());
	}

	/** One that runs no page's script, as a browser with JavaScript turned off. */
	public static HeadlessChromium withoutJavaScript() throws IOException {
		return start(Map.of("profile.managed_default_content_settings.javascript", 2));
	}

	private static HeadlessChromium start(Map<String, Object> preferences) throws IOException {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
					+ "(apt-get install chromium chromium-driver; .ci/run installs them)");
		}
		Path profile = Files.createTempDirectory("console-chromium-profile");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
		options.setExperimentalOption("prefs", preferences);
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
		return new HeadlessChromium(driver, profile);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** A PNG of the page as it is now. */
	public void screenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
