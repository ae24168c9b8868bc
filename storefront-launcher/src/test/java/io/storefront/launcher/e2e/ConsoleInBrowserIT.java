package io.storefront.launcher.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.console.HeadlessChromium;
import io.storefront.console.PageAge;
import io.storefront.db.testing.FreePorts;

/**
 * The status console in a real browser (Debian's headless chromium) against the real
 * services of {@code ./storefront up}: three healthy rows; the database stopped (every
 * PostgreSQL process SIGSTOPped) turns every row and the journal red (the time is
 * printed; the bound asserted, 20 s, leaves room for a loaded machine beyond the poll
 * interval plus the services' probe limit), and they recover when it continues; a stopped
 * service (its JVM SIGSTOPped, found by its port) goes stale, then down, on the console's
 * clock; the drill-down shows the operation tests; the pool gauges move under load.
 * Screenshots of the healthy, database-down and service-down states go to
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserIT {

	private static final Duration START_LIMIT = Duration.ofMinutes(5);

	private static final Duration STALE_AFTER = Duration.ofSeconds(6);

	private static final Duration DOWN_AFTER = Duration.ofSeconds(15);

	/**
	 * What the page may lag behind a change on a busy 2-core machine: beats, deadlines,
	 * page refreshes.
	 */
	private static final Duration SLACK = Duration.ofSeconds(15);

	private final Path screenshots = Path.of("target", "console-screenshots");

	private final List<Long> stopped = new ArrayList<>();

	private IsolatedUp isolation;

	private int consolePort;

	private RunningStorefront up;

	private HeadlessChromium browser;

	@BeforeAll
	void startStorefrontAndBrowser() throws Exception {
		this.isolation = IsolatedUp.create("storefront-console-e2e");
		this.consolePort = FreePorts.any();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("STOREFRONT_CONSOLE_PORT", Integer.toString(this.consolePort));
		environment.put("STOREFRONT_CONSOLE_POLL_INTERVAL", "1s");
		// longer than the services' own 2 s database probe limit, so a lost database is
		// an answer, not silence
		environment.put("STOREFRONT_CONSOLE_POLL_TIMEOUT", "4s");
		environment.put("STOREFRONT_CONSOLE_STALE_AFTER", STALE_AFTER.toSeconds() + "s");
		environment.put("STOREFRONT_CONSOLE_DOWN_AFTER", DOWN_AFTER.toSeconds() + "s");
		this.up = this.isolation.start("console-up", environment, START_LIMIT);
		this.browser = HeadlessChromium.start();
	}

	@AfterAll
	void stopEverything() throws Exception {
		resume();
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.up != null && this.up.isAlive()) {
			assertThat(this.up.terminate(Duration.ofMinutes(2))).isZero();
			assertThat(this.up.outputContains("storefront-console")).isTrue();
		}
		if (this.isolation != null) {
			this.isolation.end(this.up);
		}
	}

	@Test
	@Order(1)
	void upPrintsTheConsoleAndThePageShowsThreeHealthyRows() throws Exception {
		assertThat(this.up.outputContains("console          http://127.0.0.1:" + this.consolePort + "/")).isTrue();
		this.browser.driver().get("http://127.0.0.1:" + this.consolePort + "/");

		await(Duration.ofSeconds(60), "three healthy rows", () -> rows()
			.equals(Map.of("auth-service", "healthy", "product-service", "healthy", "cart-service", "healthy")));
		await(Duration.ofSeconds(20), "the dependency view with cart's breaker", () -> text("#dependencies")
			.contains("cart-service → product-service (product lookups) healthy circuit breaker closed"));
		assertThat(text("#dependencies")).contains("product-service → auth-service (JWKS (token keys)) healthy",
				"cart-service → auth-service (JWKS (token keys)) healthy", "auth-service → auth_db (database) healthy");
		assertThat(text("#services")).contains("1.0.0");
		this.browser.screenshot(this.screenshots.resolve("console-healthy.png"));
	}

	@Test
	@Order(2)
	void theDrillDownShowsTheOperationTests() {
		// the page redraws its rows every second: a row found just before a redraw is
		// gone when clicked, so find and click again until one click lands
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10), Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				driver.findElement(By.cssSelector("tr.service[data-name='product-service']")).click();
				return true;
			});

		await(Duration.ofSeconds(20), "the operation tests of product-service",
				() -> text("#detail").contains("write test") && text("#detail-title").startsWith("product-service"));
		for (String test : List.of("connection_test", "read_test", "write_test", "transaction_test")) {
			assertThat(text("#operation-tests tr[data-test='" + test + "'] td")).isEqualTo("passed");
		}
		assertThat(text("#detail")).contains("max connections", "product_db");
	}

	@Test
	@Order(3)
	void thePoolGaugesMoveUnderLoad() throws Exception {
		this.browser.driver().navigate().refresh();
		String productUrl = "http://127.0.0.1:" + (this.isolation.basePort() + 2) + "/products?limit=100";
		AtomicBoolean loading = new AtomicBoolean(true);
		List<Thread> clients = new ArrayList<>();
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			for (int i = 0; i < 32; i++) {
				clients.add(Thread.ofVirtual().start(() -> {
					HttpRequest request = HttpRequest.newBuilder(URI.create(productUrl))
						.timeout(Duration.ofSeconds(10))
						.build();
					while (loading.get()) {
						try {
							http.send(request, HttpResponse.BodyHandlers.discarding());
						}
						catch (IOException ex) {
							// the load goes on; the gauges are what is asserted
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				}));
			}
			try {
				await(Duration.ofSeconds(60), "product-service's in-use gauge above 0 under load",
						() -> gauge("product-service", "in-use") > 0);
			}
			finally {
				loading.set(false);
				for (Thread client : clients) {
					client.join(Duration.ofSeconds(15));
				}
			}
		}
		await(Duration.ofSeconds(30), "the in-use gauge back to 0 without load",
				() -> gauge("product-service", "in-use") == 0);
	}

	@Test
	@Order(4)
	void aStoppedDatabaseTurnsEveryRowAndTheJournalRedAndTheyRecover() throws Exception {
		long postmaster = Long
			.parseLong(Files.readAllLines(this.isolation.state().resolve("pgdata/postmaster.pid")).get(0).strip());
		List<Long> postgres = new ArrayList<>();
		postgres.add(postmaster);
		ProcessHandle.of(postmaster).orElseThrow().descendants().forEach((child) -> postgres.add(child.pid()));
		signal("STOP", postgres);

		long start = System.nanoTime();
		await(SLACK.plusSeconds(5), "every row unhealthy", () -> everyServiceRowShows("unhealthy"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		for (String service : Machine.SERVICES) {
			await(Duration.ofSeconds(10), "a journal line for " + service + " turning unhealthy",
					() -> !this.browser.driver()
						.findElements(By.cssSelector("#journal li[data-name='" + service + "'][data-to='unhealthy']"))
						.isEmpty());
		}
		assertThat(text("#services")).contains("database unreachable");
		this.browser.screenshot(this.screenshots.resolve("console-database-down.png"));
		System.out.println("rows red " + took.toMillis() + " ms after the database stopped");

		resume();
		await(Duration.ofSeconds(90), "every row healthy again", () -> everyServiceRowShows("healthy"));
		for (String service : Machine.SERVICES) {
			assertThat(this.browser.driver()
				.findElements(By.cssSelector("#journal li[data-name='" + service + "'][data-to='healthy']")))
				.hasSizeGreaterThanOrEqualTo(2);
		}
	}

	@Test
	@Order(5)
	void aStoppedServiceGoesStaleThenDownAndComesBack() throws Exception {
		int cartPort = this.isolation.basePort() + 3;
		long cart = ListeningSockets.pidListeningOn(cartPort)
			.orElseThrow(() -> new AssertionError("nothing listens on cart-service's port " + cartPort));
		signal("STOP", List.of(cart));

		// The console counts silence from the last answer, which came up to one poll
		// interval plus one deadline before the signal; so the test reads the page's own
		// "last seen" in the same snapshot as the verdict rather than timing the signal.
		AtomicReference<Double> silentWhenStale = new AtomicReference<>();
		await(STALE_AFTER.plus(SLACK), "cart-service stale",
				() -> seenAgoWhen("cart-service", "stale", silentWhenStale));
		AtomicReference<Double> silentWhenDown = new AtomicReference<>();
		await(DOWN_AFTER.plus(SLACK), "cart-service down", () -> seenAgoWhen("cart-service", "down", silentWhenDown));
		assertThat(silentWhenStale.get()).isGreaterThanOrEqualTo(STALE_AFTER.toSeconds())
			.isLessThan(DOWN_AFTER.toSeconds());
		assertThat(silentWhenDown.get()).isGreaterThanOrEqualTo(DOWN_AFTER.toSeconds());
		assertThat(rows()).containsEntry("auth-service", "healthy").containsEntry("product-service", "healthy");
		assertThat(text("tr.service[data-name='cart-service'] .reason")).contains("no answer within 4 s");
		assertThat(text("tr.service[data-name='cart-service'] td.dated .dated-note"))
			.as("its database and pool are its last answer's, and said to be")
			.startsWith("last known, ");
		assertThat(text("#journal")).contains("cart-service");
		this.browser.screenshot(this.screenshots.resolve("console-service-down.png"));

		resume();
		await(Duration.ofSeconds(60), "cart-service healthy again", () -> "healthy".equals(rows().get("cart-service")));
	}

	/**
	 * Each row's service and health, read in one go from the page (it redraws every
	 * second).
	 */
	@SuppressWarnings("unchecked")
	/** Whether there is a row for every service, and every row shows {@code health}. */
	private boolean everyServiceRowShows(String health) {
		Map<String, String> rows = rows();
		return rows.keySet().containsAll(Machine.SERVICES) && rows.values().stream().allMatch(health::equals);
	}

	private Map<String, String> rows() {
		return (Map<String, String>) ((JavascriptExecutor) this.browser.driver()).executeScript(
				"const rows = {}; document.querySelectorAll('tr.service').forEach((r) => rows[r.dataset.name] = r.dataset.health); return rows;");
	}

	/**
	 * Whether the service's row shows {@code health}; if so, records how many seconds ago
	 * the row says it last heard from the service, read in the same redraw.
	 */
	private boolean seenAgoWhen(String service, String health, AtomicReference<Double> secondsAgo) {
		String snapshot = (String) ((JavascriptExecutor) this.browser.driver())
			.executeScript("const r = document.querySelector(\"tr.service[data-name='" + service
					+ "']\"); return r ? r.dataset.health + '|' + r.querySelector('.last-seen').firstChild.textContent : '';");
		String[] parts = snapshot.split("\\|", 2);
		if (!health.equals(parts[0])) {
			return false;
		}
		secondsAgo.set(PageAge.seconds(parts[1]));
		return true;
	}

	private long gauge(String service, String name) {
		Object value = ((JavascriptExecutor) this.browser.driver())
			.executeScript("const g = document.querySelector(\"tr.service[data-name='" + service + "'] [data-gauge='"
					+ name + "']\"); return g ? g.dataset.value : '-1';");
		return Long.parseLong(String.valueOf(value));
	}

	private String text(String selector) {
		Object value = ((JavascriptExecutor) this.browser.driver()).executeScript(
				"const e = document.querySelector(arguments[0]); return e ? e.innerText.replace(/\\s+/g, ' ').trim() : '';",
				selector);
		return String.valueOf(value);
	}

	private void await(Duration limit, String what, Supplier<Boolean> condition) {
		new WebDriverWait(this.browser.driver(), limit, Duration.ofMillis(250))
			.withMessage(() -> what + "; rows: " + rows() + "; journal: " + text("#journal"))
			.until((driver) -> condition.get());
	}

	private void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		pids.forEach((pid) -> command.add(Long.toString(pid)));
		assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
		if (signal.equals("STOP")) {
			this.stopped.addAll(pids);
		}
	}

	private void resume() throws IOException, InterruptedException {
		if (!this.stopped.isEmpty()) {
			List<Long> pids = List.copyOf(this.stopped);
			this.stopped.clear();
			List<String> command = new ArrayList<>(List.of("kill", "-CONT"));
			pids.forEach((pid) -> command.add(Long.toString(pid)));
			new ProcessBuilder(command).inheritIO().start().waitFor();
		}
	}

}
