package io.storefront.launcher.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, driven through Debian's chromedriver: both named explicitly, so
 * Selenium never looks for (or downloads) a browser of its own. Headless, with a fresh
 * profile, and nothing that calls home.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static HeadlessChromium start() throws IOException {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver "
					+ "(apt-get install chromium chromium-driver; .ci/run installs them)");
		}
		Path profile = Files.createTempDirectory("console-chromium-profile");
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1600,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
		return new HeadlessChromium(driver, profile);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/** A PNG of the page as it is now. */
	void screenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		File taken = this.driver.getScreenshotAs(OutputType.FILE);
		Files.copy(taken.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
