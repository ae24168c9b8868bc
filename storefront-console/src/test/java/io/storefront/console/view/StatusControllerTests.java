package io.storefront.console.view;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;
import io.storefront.console.SettableClock;
import io.storefront.console.access.AccessGate;
import io.storefront.console.history.History;
import io.storefront.console.poll.Health;
import io.storefront.console.poll.HealthPoller;
import io.storefront.console.settings.ConsoleSettings;
import io.storefront.console.watch.RunningWatch;
import io.storefront.console.watch.Watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rows of {@code /api/status} as the polls of a real HTTP server make them. */
class StatusControllerTests {

	@TempDir
	Path folder;

	private FakeService service;

	private RunningWatch running;

	/** The history of a watch the test keeps from beating, to record in it by hand. */
	private History history;

	private HealthPoller poller;

	@AfterEach
	void stop() throws IOException {
		if (this.running != null) {
			this.running.close();
		}
		if (this.history != null) {
			this.history.close();
			this.poller.close();
		}
		if (this.service != null) {
			this.service.close();
		}
	}

	/**
	 * The tester's frozen replica: its row said healthy with no reason until it went
	 * stale, though every poll since its last answer had failed.
	 */
	@Test
	void aRowWhosePollsFailSaysSoAtOnceUnderItsLastKnownHealth() throws IOException {
		this.service = FakeService.start("cart-service");
		StatusController controller = controller(null);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(controller).path("health").asString().equals("healthy"));
		assertThat(row(controller).path("failedPolls").asInt()).isZero();
		assertThat(row(controller).path("reason").isNull()).isTrue();

		this.service.slowFor(60_000).mode(Mode.SLOW);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(controller).path("failedPolls").asInt() > 0);
		JsonNode row = row(controller);

		assertThat(row.path("health").asString()).isEqualTo("healthy");
		assertThat(row.path("reason").asString()).startsWith("the last ").endsWith(": no answer within 0.5 s");
	}

	/**
	 * The drill-down of a stopped instance showed its last report as current; it now
	 * comes with the instance's state and the report's age.
	 */
	@Test
	void theDrillDownSaysHowCurrentItsReportIs() throws IOException {
		this.service = FakeService.start("cart-service");
		StatusController controller = controller(null, Duration.ofSeconds(1), Duration.ofSeconds(2));
		// the age read in the same answer that says healthy: on a loaded machine a second
		// answer may come after the next poll is due
		JsonNode fresh = await().atMost(Duration.ofSeconds(10))
			.until(() -> detailed(controller), (answer) -> answer.path("health").asString().equals("healthy"));
		assertThat(fresh.path("ageSeconds").asDouble()).isLessThan(1);

		this.service.close();
		this.service = null;
		await().atMost(Duration.ofSeconds(10))
			.until(() -> detailed(controller).path("health").asString().equals("down"));
		JsonNode detailed = detailed(controller);

		assertThat(detailed.path("ageSeconds").asDouble()).isGreaterThan(2);
		assertThat(detailed.path("detailed").path("overall_status").asString()).isEqualTo("healthy");
	}

	/**
	 * The drill-down of an instance whose polls fail shows its last answer's health: it
	 * says how many polls have failed since, so the page can mark that health last known.
	 */
	@Test
	void theDrillDownSaysHowManyPollsFailedSinceTheLastAnswer() throws IOException {
		this.service = FakeService.start("cart-service");
		StatusController controller = controller(null);
		JsonNode answering = await().atMost(Duration.ofSeconds(10))
			.until(() -> detailed(controller), (answer) -> answer.path("health").asString().equals("healthy"));
		assertThat(answering.path("failedPolls").isInt()).as("failedPolls, a count").isTrue();
		assertThat(answering.path("failedPolls").asInt()).isZero();

		this.service.slowFor(60_000).mode(Mode.SLOW);
		JsonNode failing = await().atMost(Duration.ofSeconds(10))
			.until(() -> detailed(controller), (answer) -> answer.path("failedPolls").asInt() > 0);

		assertThat(failing.path("health").asString()).isEqualTo("healthy");
	}

	@Test
	void withoutAccessTheFailedPollsAreNotShown() throws IOException {
		this.service = FakeService.start("cart-service").slowFor(60_000).mode(Mode.SLOW);
		StatusController controller = controller("let-me-see");
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Watch watch = this.running.watch();
			return watch.verdict(watch.states().get(0), watch.now()).failedPolls() > 0;
		});

		JsonNode row = row(controller);
		assertThat(row.path("health").asString()).as("not heard from yet, not down").isEqualTo("pending");
		assertThat(row.path("failedPolls").isNull()).isTrue();
		assertThat(row.path("reason").isNull()).isTrue();
	}

	@Test
	void theRowSaysWhenItsProcessStartedAndTheJournalWhenItRestarted() throws IOException {
		this.service = FakeService.start("cart-service").processStart("1764849000.5");
		StatusController controller = controller(null);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> row(controller).path("processStartedAt").asString().equals("2025-12-04T11:50:00.500Z"));

		this.service.processStart("1.76484960025E9");
		await().atMost(Duration.ofSeconds(10)).until(() -> journal(controller).size() == 2);

		JsonNode restart = journal(controller).get(0);
		assertThat(restart.path("restart").asBoolean()).isTrue();
		assertThat(restart.path("from").asString()).isEqualTo("healthy");
		assertThat(restart.path("to").asString()).isEqualTo("healthy");
		assertThat(restart.path("reason").asString()).startsWith("restarted: a new process started at ");
		assertThat(journal(controller).get(1).path("restart").asBoolean()).isFalse();
		assertThat(row(controller).path("processStartedAt").asString()).isEqualTo("2025-12-04T12:00:00.250Z");
		assertThat(row(controller).path("health").asString()).isEqualTo("healthy");
	}

	/** A service that answers, but later than the slow-after setting, is marked slow. */
	@Test
	void aRowIsSlowWhileItsServiceAnswersLaterThanSlowAfter() throws IOException {
		this.service = FakeService.start("cart-service").slowFor(400).mode(Mode.SLOW);
		ConsoleSettings settings = new ConsoleSettings(List.of(this.service.entry()), Duration.ofMillis(200),
				Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(60), null,
				null, this.folder.resolve("history.jsonl"));
		this.running = RunningWatch.start(settings);
		StatusController controller = new StatusController(
				new StatusReport(this.running.watch(), this.running.history()),
				new AccessGate(settings, Clock.systemUTC()));
		await().atMost(Duration.ofSeconds(10)).until(() -> row(controller).path("health").asString().equals("healthy"));

		assertThat(row(controller).path("latencyMillis").asLong()).isGreaterThanOrEqualTo(400);
		assertThat(row(controller).path("slow").asBoolean()).isTrue();

		this.service.mode(Mode.HEALTHY);
		await().atMost(Duration.ofSeconds(10)).until(() -> row(controller).path("latencyMillis").asLong() < 200);
		assertThat(row(controller).path("slow").isBoolean()).isTrue();
		assertThat(row(controller).path("slow").asBoolean()).isFalse();
	}

	/**
	 * Two minutes after the console started, its rows said "24 h 100 %", read as up all
	 * day: each share now comes with how many minutes of its window its samples fall in.
	 */
	@Test
	void eachUptimeSaysHowManyMinutesOfItsWindowItsSamplesFallIn() throws IOException {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:30Z"));
		StatusController controller = controllerWithoutBeats(clock, null);
		String key = "cart-service@http://127.0.0.1:1";

		JsonNode nothing = row(controller);
		assertThat(nothing.path("uptimeHour").isNull()).isTrue();
		assertThat(nothing.path("uptimeHourSampledMinutes").asInt()).isZero();
		assertThat(nothing.path("uptimeDay").isNull()).isTrue();
		assertThat(nothing.path("uptimeDaySampledMinutes").asInt()).isZero();

		this.history.record(key, clock.instant().minus(Duration.ofHours(3)), Health.DOWN);
		this.history.record(key, clock.instant().minusSeconds(60), Health.HEALTHY);
		this.history.record(key, clock.instant(), Health.HEALTHY);
		JsonNode twoMinutes = row(controller);
		assertThat(twoMinutes.path("uptimeHour").asDouble()).isEqualTo(100.0);
		assertThat(twoMinutes.path("uptimeHourSampledMinutes").asInt()).isEqualTo(2);
		assertThat(twoMinutes.path("uptimeDay").asDouble()).isEqualTo(66.7);
		assertThat(twoMinutes.path("uptimeDaySampledMinutes").asInt()).isEqualTo(3);

		for (int minute = 1; minute <= 60; minute++) {
			clock.advance(Duration.ofMinutes(1));
			this.history.record(key, clock.instant(), Health.HEALTHY);
		}
		JsonNode anHourLater = row(controller);
		assertThat(anHourLater.path("uptimeHourSampledMinutes").asInt()).isEqualTo(60);
		assertThat(anHourLater.path("uptimeDaySampledMinutes").asInt()).isEqualTo(63);
	}

	@Test
	void withoutAccessNoUptimeIsShown() throws IOException {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:30Z"));
		StatusController controller = controllerWithoutBeats(clock, "let-me-see");
		this.history.record("cart-service@http://127.0.0.1:1", clock.instant(), Health.HEALTHY);

		JsonNode row = row(controller);
		assertThat(row.path("health").asString()).isEqualTo("pending");
		assertThat(row.path("uptimeHour").isNull()).isTrue();
		assertThat(row.path("uptimeHourSampledMinutes").isNull()).isTrue();
		assertThat(row.path("uptimeDay").isNull()).isTrue();
		assertThat(row.path("uptimeDaySampledMinutes").isNull()).isTrue();
	}

	/**
	 * A controller over a watch that never beats nor polls, on {@code clock}: its history
	 * holds what the test records.
	 */
	private StatusController controllerWithoutBeats(SettableClock clock, String accessToken) throws IOException {
		ConsoleSettings settings = new ConsoleSettings(List.of("cart-service=http://127.0.0.1:1"),
				Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofDays(1),
				Duration.ofDays(2), null, accessToken, this.folder.resolve("history.jsonl"));
		this.history = History.open(settings.historyFile(), clock.instant());
		this.poller = new HealthPoller(settings.pollTimeout(), settings.details(), clock);
		Watch watch = new Watch(settings, this.poller, this.history, clock);
		return new StatusController(new StatusReport(watch, this.history), new AccessGate(settings, clock));
	}

	private StatusController controller(String accessToken) throws IOException {
		return controller(accessToken, Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

	private StatusController controller(String accessToken, Duration staleAfter, Duration downAfter)
			throws IOException {
		ConsoleSettings settings = new ConsoleSettings(List.of(this.service.entry()), Duration.ofMillis(200),
				Duration.ofMillis(500), Duration.ofSeconds(1), staleAfter, downAfter, null, accessToken,
				this.folder.resolve("history.jsonl"));
		this.running = RunningWatch.start(settings);
		return new StatusController(new StatusReport(this.running.watch(), this.running.history()),
				new AccessGate(settings, Clock.systemUTC()));
	}

	private static JsonNode detailed(StatusController controller) {
		Object body = controller.detailed(BigInteger.ZERO, new MockHttpServletRequest()).getBody();
		return JsonMapper.shared().valueToTree(body);
	}

	private static JsonNode journal(StatusController controller) {
		StatusPage page = (StatusPage) controller.status(new MockHttpServletRequest()).getBody();
		return JsonMapper.shared().valueToTree(page).path("journal");
	}

	private static JsonNode row(StatusController controller) {
		StatusPage page = (StatusPage) controller.status(new MockHttpServletRequest()).getBody();
		return JsonMapper.shared().valueToTree(page).path("services").get(0);
	}

}
