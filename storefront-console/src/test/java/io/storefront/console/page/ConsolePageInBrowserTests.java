package io.storefront.console.page;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page itself, in Debian's headless chromium, against a console watching fake
 * services: reachable and operable by keyboard, redrawn in place, changes announced,
 * readable (contrast, a text for the history strip, no sideways scrolling when narrow),
 * honest about what is old (a stopped instance's report, a console that cannot be
 * reached), and without errors in the browser's console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePageInBrowserTests {

	@AutoClose
	private static final FakeService PRODUCT = FakeService.start("product-service");

	@AutoClose
	private static final FakeService PRODUCT_REPLICA = FakeService.start("product-service");

	/** Up for an hour already, so that its restart shows as a younger process. */
	@AutoClose
	private static final FakeService CART = FakeService.start("cart-service")
		.processStart(String.valueOf(System.currentTimeMillis() / 1000.0 - 3600));

	@AutoClose
	private static final FakeService CART_REPLICA = FakeService.start("cart-service");

	/** Stopped by the last test. */
	@AutoClose
	private static final FakeService AUTH = FakeService.start("auth-service");

	/**
	 * A row per instance: two services with two replicas each, as under up --replicas 2.
	 */
	private static final int ROWS = 5;

	/**
	 * The browser's time zone: neither UTC nor a whole hour from it, so that no time is
	 * right by chance.
	 */
	private static final String BROWSER_ZONE = "Asia/Kathmandu";

	@RegisterExtension
	static final ConsoleInBrowser browser = ConsoleInBrowser.withJavaScript();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		Supplier<Object> services = () -> String.join(",", PRODUCT.entry(), PRODUCT_REPLICA.entry(), CART.entry(),
				CART_REPLICA.entry(), AUTH.entry());
		PolledConsole.settings(registry, services, "1s", "2s", () -> "target/browser-console-history.jsonl");
	}

	@BeforeAll
	static void setTheBrowsersTimeZone() {
		browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BROWSER_ZONE));
	}

	@BeforeEach
	void open() {
		browser.driver().manage().window().setSize(new Dimension(1400, 1000));
		browser.open();
		browser.waitUntil(
				(driver) -> driver.findElements(By.cssSelector("tr.service[data-health='healthy']")).size() == ROWS);
	}

	@Test
	@Order(1)
	void theDrillDownIsReachedAndOpenedByKeyboard() {
		boolean reached = false;
		for (int i = 0; i < 20 && !reached; i++) {
			new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
			reached = (Boolean) browser.script("return document.activeElement.matches('tr.service button');");
		}
		assertThat(reached).as("Tab reaches a row").isTrue();
		String name = (String) browser.script("return document.activeElement.closest('tr').dataset.name;");

		new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();

		browser.waitUntil((driver) -> driver.findElement(By.id("detail")).isDisplayed()
				&& driver.findElement(By.id("detail-title")).getText().startsWith(name));
		assertThat(browser.driver().findElements(By.cssSelector("#operation-tests tr"))).hasSize(4);
		// below five rows, out of sight: a screen reader would not have said it opened
		assertThat(browser.script("return document.activeElement.id;")).as("the focus moved to the report")
			.isEqualTo("detail");
		// its top at the window's, give or take the half pixel the scroll rounds off
		assertThat(browser.script("""
				const top = document.getElementById('detail').getBoundingClientRect().top;
				return top > -1 && top < window.innerHeight;""")).as("the report in view").isEqualTo(true);
	}

	/**
	 * The reviewer's lost selection and focus: the table, journal, dependencies and
	 * drill-down were rebuilt every second.
	 */
	@Test
	@Order(2)
	void aRefreshKeepsWhatDidNotChangeAndTheFocus() throws InterruptedException {
		browser.driver().findElement(By.cssSelector("tr.service[data-name='cart-service'] td:nth-child(3)")).click();
		browser.waitUntil((driver) -> !driver.findElements(By.cssSelector("#operation-tests tr")).isEmpty());
		browser.script("""
				document.querySelector("tr.service[data-name='product-service'] button").focus();
				for (const node of document.querySelectorAll('tr.service, tr.service td:first-child, #dependencies li, '
				    + '#journal li, #operation-tests')) node.kept = true;""");

		Thread.sleep(2_500);

		assertThat(browser.script("""
				return [...document.querySelectorAll('tr.service, tr.service td:first-child, #dependencies li, '
				    + '#journal li, #operation-tests')].filter((node) => !node.kept).length;""")).isEqualTo(0L);
		assertThat(browser.script("return document.activeElement.closest('tr').dataset.name;"))
			.isEqualTo("product-service");
	}

	@Test
	@Order(3)
	void aChangeOfHealthIsAnnouncedOnceAndPolitely() throws InterruptedException {
		assertThat(browser.driver().findElement(By.id("announcer")).getAttribute("aria-live")).isEqualTo("polite");
		PRODUCT.mode(Mode.DATABASE_DOWN);
		try {
			browser.waitUntil((driver) -> driver.findElement(By.id("announcer"))
				.getAttribute("textContent")
				.contains("product-service " + PRODUCT.url().substring(7) + ": healthy to unhealthy"));
			browser.script("""
					window.announced = 0;
					new MutationObserver(() => window.announced++).observe(document.getElementById('announcer'),
					    { childList: true, characterData: true, subtree: true });""");
			Thread.sleep(2_500);
			assertThat(browser.script("return window.announced;")).as("nothing new to say").isEqualTo(0L);
		}
		finally {
			PRODUCT.mode(Mode.HEALTHY);
		}
	}

	@Test
	@Order(4)
	void textMeetsWcagAaContrastAndTheHistoryStripHasWords() {
		@SuppressWarnings("unchecked")
		Map<String, Object> ratios = (Map<String, Object>) browser
			.script("""
					const cell = document.querySelector('tr.service td:nth-child(3)');
					const samples = {};
					for (const health of ['healthy', 'degraded', 'unhealthy', 'stale', 'down', 'pending']) {
					  samples['badge ' + health] = cell.appendChild(badge(health));
					}
					samples.slow = cell.appendChild(el('span', { class: 'slow' }, '1200 ms (slow)'));
					samples.muted = cell.appendChild(el('div', { class: 'muted' }, 'an address'));
					const dated = document.querySelector('tr.service').appendChild(el('td', { class: 'dated' },
					  el('div', { class: 'dated-note' }, 'last known, 23 s ago'), el('span', { class: 'pass' }, 'connected')));
					samples['last known'] = dated.firstChild;
					samples['last known status'] = dated.lastChild;
					samples.passed = cell.appendChild(el('span', { class: 'pass' }, 'connected'));
					const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
					const luminance = ([r, g, b]) => [r, g, b].map((c) => c / 255)
					  .map((c) => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
					  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
					const ratios = {};
					const measure = (name, node) => {
					  let background = null, opacity = 1;
					  for (let n = node; n instanceof Element; n = n.parentElement) {
					    const style = getComputedStyle(n);
					    opacity *= Number(style.opacity);
					    const b = rgb(style.backgroundColor);
					    if (!background && (b.length === 3 || b[3] > 0)) background = b.slice(0, 3);
					  }
					  background = background || [255, 255, 255];
					  const seen = rgb(getComputedStyle(node).color).slice(0, 3)
					    .map((c, i) => c * opacity + background[i] * (1 - opacity));
					  const [light, dark] = [luminance(seen), luminance(background)].sort((a, b) => b - a);
					  ratios[name] = (light + 0.05) / (dark + 0.05);
					};
					Object.entries(samples).forEach(([name, node]) => measure(name, node));
					// while the console cannot be reached, the page greys what it last showed
					document.body.classList.add('unreachable');
					measure('muted, console unreachable', samples.muted);
					measure('passed, console unreachable', samples.passed);
					document.body.classList.remove('unreachable');
					return ratios;""");
		assertThat(ratios).hasSize(13);
		ratios
			.forEach((name, ratio) -> assertThat(((Number) ratio).doubleValue()).as(name).isGreaterThanOrEqualTo(4.5));

		// read in one go: the strip's cell is redrawn whenever its uptime share moves
		List<?> strip = (List<?>) browser.script("""
				const strip = document.querySelector('tr.service .strip');
				return [strip.getAttribute('aria-label'), strip.getAttribute('role')];""");
		assertThat((String) strip.get(0)).matches("last hour: (\\d+ min [a-z ]+)(, \\d+ min [a-z ]+)*");
		assertThat(strip.get(1)).isEqualTo("img");
	}

	/**
	 * The pool cell showed the server's max_connections, which a degraded row's reason
	 * does not count against ("server connections 90 of 97 usable"): the reserved slots
	 * are not the services' to open. A service that does not say how many are reserved
	 * has them counted as none, by the reason as by the cell, which says so.
	 */
	@Test
	@Order(4)
	void thePoolCellCountsTheServersConnectionsAsADegradedRowsReasonDoes() {
		assertThat(browser.driver()
			.findElement(By.cssSelector("tr.service[data-name='product-service'] [data-gauge='server']"))
			.getText()).isEqualTo("server: 31 of 97 usable (max_connections 100 less 3 reserved)");
		assertThat(browser
			.script("return serverConnections(31, { serverMax: 100, serverReserved: null, serverUsable: 100 });"))
			.isEqualTo("server: 31 of 100 usable (max_connections 100, reserved slots not reported)");
	}

	/**
	 * Every time on the page is in UTC and says so, in a browser whose zone is UTC+05:45,
	 * so that no time reads as another zone's: neither the browser's nor the zone of the
	 * console's machine, in which the journal's restart reasons are written.
	 */
	@Test
	@Order(4)
	void everyTimeOnThePageIsInUtcAndSaysSo() {
		assertThat(browser.script("return new Date().getTimezoneOffset();")).as("UTC+05:45").isEqualTo(-345L);
		browser.driver().findElement(By.cssSelector("tr.service[data-name='product-service'] td:nth-child(3)")).click();
		browser.waitUntil((driver) -> driver.findElement(By.id("detail-body")).getText().contains("as of "));

		List<?> clock = (List<?>) browser.script("""
				const utc = (at) => new Date(at).toISOString().slice(11, 19) + ' UTC';
				return [document.getElementById('clock').textContent, 'updated ' + utc(lastPage.generatedAt)];""");
		assertThat(clock.get(0)).as("the time of the console's last answer").isEqualTo(clock.get(1));
		assertThat(browser.script("""
				const utc = (at) => new Date(at).toISOString().slice(11, 19) + ' UTC';
				const entries = [...document.querySelectorAll('#journal li')];
				return entries.length > 0 && entries.length === lastPage.journal.length
				    && entries.every((li, i) => li.textContent.startsWith(utc(lastPage.journal[i].at) + ' '));"""))
			.as("each journal entry's time")
			.isEqualTo(true);
		assertThat(browser.script("""
				return document.body.innerText.match(/\\d?\\d:\\d\\d(?::\\d\\d)?(?![:\\d])(?! UTC).{0,8}/g);"""))
			.as("times without their zone")
			.isNull();
	}

	/**
	 * At 1280 × 800, a common laptop's window, nothing is to the right of the visible
	 * table, where only a sideways scroll would show it. With a replica's reason shown,
	 * as a degraded one has, and the uptime at its widest (once the first sample is in:
	 * "–" before it).
	 */
	@Test
	@Order(5)
	void aLaptopWindowShowsTheWholeTableWithoutScrolling() {
		CART_REPLICA.mode(Mode.DEGRADED);
		try {
			browser.driver().manage().window().setSize(new Dimension(1280, 800));
			browser.waitUntil(
					(driver) -> !driver.findElements(By.cssSelector("tr.service[data-health='degraded']")).isEmpty()
							&& driver.findElement(By.cssSelector("tr.service .uptime"))
								.getAttribute("textContent")
								.contains("%"));

			assertThat(browser.script("return window.innerWidth;")).isEqualTo(1280L);
			assertThat(browser.script("const box = document.querySelector('.table-scroll');"
					+ " return box.scrollWidth <= box.clientWidth;"))
				.as("the services table fits its box")
				.isEqualTo(true);
			assertThat(browser
				.script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
				.as("the page does not scroll sideways")
				.isEqualTo(true);
		}
		finally {
			CART_REPLICA.mode(Mode.HEALTHY);
		}
	}

	/** A phone's width: the table scrolls in its own box, the page not at all. */
	@Test
	@Order(5)
	void aNarrowWindowDoesNotScrollSideways() {
		browser.driver().manage().window().setSize(new Dimension(375, 800));
		browser.driver().navigate().refresh();
		browser.waitUntil((driver) -> driver.findElements(By.cssSelector("tr.service")).size() == ROWS);

		assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
		assertThat(browser.script(
				"return getComputedStyle(document.querySelector('.columns')).gridTemplateColumns.split(' ').length;"))
			.as("dependencies and journal in one column")
			.isEqualTo(1L);
	}

	/**
	 * With every instance healthy no row has a reason, and the Why column kept the room a
	 * reason wraps in, which a phone's width took from the columns that had something to
	 * say. A reason still gets that room.
	 */
	@Test
	@Order(5)
	void anEmptyWhyColumnNarrowsToItsHeadingOnANarrowWindow() {
		String whyColumn = """
				const heading = [...document.querySelectorAll('#services th')].find((th) => th.textContent === 'Why');
				const words = document.createRange();
				words.selectNodeContents(heading);
				const style = getComputedStyle(heading);
				const cells = [...document.querySelectorAll('#services td.reason')];
				return { width: heading.getBoundingClientRect().width,
				    needed: words.getBoundingClientRect().width + parseFloat(style.paddingLeft)
				        + parseFloat(style.paddingRight),
				    reasons: cells.filter((cell) => cell.textContent !== '').length };""";
		browser.driver().manage().window().setSize(new Dimension(375, 800));
		browser.driver().navigate().refresh();
		browser.waitUntil(
				(driver) -> driver.findElements(By.cssSelector("tr.service[data-health='healthy']")).size() == ROWS);

		Map<?, ?> empty = (Map<?, ?>) browser.script(whyColumn);
		assertThat(empty.get("reasons")).isEqualTo(0L);
		assertThat(((Number) empty.get("width")).doubleValue()).as("the empty column's width")
			.isLessThanOrEqualTo(((Number) empty.get("needed")).doubleValue() + 1);

		CART_REPLICA.mode(Mode.DEGRADED);
		try {
			browser.waitUntil(
					(driver) -> !driver.findElements(By.cssSelector("tr.service[data-health='degraded']")).isEmpty());
			Map<?, ?> withAReason = (Map<?, ?>) browser.script(whyColumn);
			assertThat(withAReason.get("reasons")).isEqualTo(1L);
			assertThat(((Number) withAReason.get("width")).doubleValue()).as("8rem and its padding")
				.isGreaterThanOrEqualTo(8 * 16 + 16);
		}
		finally {
			CART_REPLICA.mode(Mode.HEALTHY);
		}
	}

	@Test
	@Order(6)
	void whileTheConsoleCannotBeReachedItsDataIsMarkedAsOfItsLastAnswer() {
		browser.script(
				"window.realFetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
		browser
			.waitUntil((driver) -> (Boolean) browser.script("return document.body.classList.contains('unreachable');"));
		assertThat(browser.driver().findElement(By.id("clock")).getText())
			.matches("as of \\d\\d:\\d\\d:\\d\\d UTC \\(the console cannot be reached\\)");
		assertThat(browser.driver().findElement(By.id("console-problem")).getText()).contains("not current");
		assertThat(browser
			.script("return getComputedStyle(document.getElementById('services').closest('.table-scroll') "
					+ "|| document.getElementById('services')).filter + getComputedStyle(document.getElementById('services')).filter;"))
			.asString()
			.contains("grayscale");

		browser.script("window.fetch = window.realFetch;");

		browser.waitUntil(
				(driver) -> !(Boolean) browser.script("return document.body.classList.contains('unreachable');"));
		assertThat(browser.driver().findElement(By.id("clock")).getText()).startsWith("updated ");
	}

	/**
	 * A console that is stopped (SIGSTOP) or cut off keeps the connection open and never
	 * answers: the browser holds the page's requests, as here, rather than failing them.
	 */
	@Test
	@Order(6)
	void aConsoleThatStopsAnsweringIsMarkedUnreachableToo() {
		browser.driver()
			.executeCdpCommand("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*/api/status*"))));
		try {
			browser.waitUntil(
					(driver) -> (Boolean) browser.script("return document.body.classList.contains('unreachable');"));
			assertThat(browser.driver().findElement(By.id("console-problem")).getText())
				.startsWith("Cannot reach the console: no answer within 5 s.");
			assertThat(browser.driver().findElement(By.id("clock")).getText())
				.endsWith("(the console cannot be reached)");
		}
		finally {
			browser.driver().executeCdpCommand("Fetch.disable", Map.of());
		}

		browser.waitUntil(
				(driver) -> !(Boolean) browser.script("return document.body.classList.contains('unreachable');"));
	}

	/**
	 * The drill-down asks the console on its own: a request of its not answered (the
	 * console stopped with a row selected) left the report as if current and an uncaught
	 * error in the browser's console. Here the console answers the table but holds the
	 * drill-down's requests.
	 */
	@Test
	@Order(6)
	void aDrillDownThatCannotReachTheConsoleIsMarkedNotCurrentWithoutAnError() {
		browser.driver().findElement(By.cssSelector("tr.service[data-name='product-service'] td:nth-child(3)")).click();
		browser.waitUntil((driver) -> !driver.findElements(By.cssSelector("#operation-tests tr")).isEmpty());
		browserErrors(); // what came before
		browser.driver()
			.executeCdpCommand("Fetch.enable",
					Map.of("patterns", List.of(Map.of("urlPattern", "*/api/services/*/detailed"))));
		try {
			browser.waitUntil(Duration.ofSeconds(15), (driver) -> detailIsMarkedUnreachable());
			assertThat(browser.driver().findElement(By.id("detail-problem")).getText()).isEqualTo(
					"Cannot reach the console: no answer within 5 s. The details are those of its last answer, not current.");
			assertThat(browser.driver().findElements(By.cssSelector("#operation-tests tr"))).as("still shown")
				.hasSize(4);
		}
		finally {
			browser.driver().executeCdpCommand("Fetch.disable", Map.of());
		}

		browser.waitUntil(Duration.ofSeconds(15), (driver) -> !detailIsMarkedUnreachable());
		assertThat(browser.driver().findElement(By.id("detail-problem")).isDisplayed()).isFalse();
		assertThat(browserErrors()).isEmpty();
	}

	@Test
	@Order(7)
	void thePageNamesItsIconAndLoadsWithoutAnErrorInTheBrowsersConsole() throws InterruptedException {
		browserErrors(); // what earlier tests left
		browser.driver().navigate().refresh();
		browser.waitUntil((driver) -> driver.findElements(By.cssSelector("tr.service")).size() == ROWS);
		Thread.sleep(1_000);

		assertThat(browserErrors()).isEmpty();
		// headless chromium asks for no icon; a desktop one asks for /favicon.ico unless
		// the page names one
		assertThat(browser.driver()
			.executeAsyncScript(
					"""
							const done = arguments[arguments.length - 1];
							const icon = document.querySelector("link[rel='icon']");
							if (!icon) done('no icon named');
							else fetch(icon.href).then((answer) => done(answer.status + ' ' + answer.headers.get('Content-Type')));"""))
			.isEqualTo("200 image/svg+xml");
	}

	/**
	 * A replica started again within stale-after changes no colour: the journal says it
	 * restarted, and its row how long the new process has been up.
	 */
	@Test
	@Order(8)
	void aRestartThatChangesNoHealthIsInTheJournalAndTheRowSaysSinceWhenItIsUp() {
		String cartRow = "tr.service[data-name='cart-service']";
		browser.waitUntil((driver) -> driver.findElement(By.cssSelector(cartRow + " .process-age"))
			.getText()
			.startsWith("up 1 h"));

		CART.processStart(String.valueOf(System.currentTimeMillis() / 1000.0));

		String restartEntry = "#journal li[data-restart='true'][data-name='cart-service']";
		browser.waitUntil((driver) -> driver.findElements(By.cssSelector(restartEntry)).size() == 1);
		// read in one step: a poll may replace the entry between a find and a read
		@SuppressWarnings("unchecked")
		List<Object> entry = (List<Object>) browser.driver()
			.executeScript(
					"""
							const entry = document.querySelector(arguments[0]);
							return [entry.innerText, ...Array.from(entry.querySelectorAll('.badge'), (badge) => badge.innerText)];""",
					restartEntry);
		assertThat(entry.get(0)).asString()
			.matches(
					"\\d\\d:\\d\\d:\\d\\d UTC cart-service .* restarted: a new process started at \\d\\d:\\d\\d:\\d\\d UTC "
							+ "\\(the one before had started at (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d UTC\\)");
		assertThat(entry.subList(1, entry.size())).as("the entry's badges").containsExactly("healthy");
		assertThat(browser.driver().findElement(By.cssSelector(cartRow)).getAttribute("data-health"))
			.isEqualTo("healthy");
		assertThat(browser.driver().findElement(By.cssSelector(cartRow + " .process-age")).getText())
			.matches("up \\d+ s");
	}

	/** Last: it stops auth-service. */
	@Test
	@Order(9)
	void theDrillDownOfAStoppedInstanceIsMarkedLastKnown() {
		AUTH.close();
		browser.waitUntil((driver) -> driver
			.findElements(By.cssSelector("tr.service[data-name='auth-service'][data-health='down']"))
			.size() == 1);
		assertThat(browser.driver().findElements(By.cssSelector("tr.service[data-name='auth-service'] td.dated")))
			.as("version, database and pool: its last answer's")
			.hasSize(3);

		browser.driver().findElement(By.cssSelector("tr.service[data-name='auth-service'] button")).click();

		browser.waitUntil((driver) -> driver.findElement(By.id("detail-body")).getText().contains("last known, "));
		assertThat(browser.driver().findElement(By.id("detail")).getAttribute("class")).contains("dated");
		assertThat(browser.driver().findElement(By.id("detail-body")).getText()).contains("instance now down");
		assertThat(browser.driver()
			.findElement(By.cssSelector("tr.service[data-name='auth-service'] .process-age"))
			.getText()).matches("started \\d\\d:\\d\\d:\\d\\d UTC");
		assertThat(browser.script("""
				const [overall, now] = document.querySelectorAll('#detail-body p .badge');
				return [overall.textContent, getComputedStyle(overall).backgroundColor,
				    now.textContent, getComputedStyle(now).backgroundColor];"""))
			.as("the last report's badge greyed, the instance's state now in its own colour")
			.isEqualTo(List.of("healthy", "rgb(95, 107, 118)", "down", "rgb(179, 38, 30)"));
	}

	private static boolean detailIsMarkedUnreachable() {
		return (Boolean) browser.script("return document.getElementById('detail').classList.contains('unreachable');");
	}

	/** The warnings and errors in the browser's console since it was last asked. */
	private static List<String> browserErrors() {
		return browser.driver()
			.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
