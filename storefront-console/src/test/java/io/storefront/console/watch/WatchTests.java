package io.storefront.console.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;
import io.storefront.console.SettableClock;
import io.storefront.console.history.History;
import io.storefront.console.history.Transition;
import io.storefront.console.poll.HealthPoller;
import io.storefront.console.poll.Health;
import io.storefront.console.poll.Observation;
import io.storefront.console.settings.ConsoleSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clock side: polls on a fixed beat, silence turning into stale and then down on time
 * even while each poll hangs until its deadline, the journal of those transitions, and
 * recovery.
 */
class WatchTests {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration STALE_AFTER = Duration.ofMillis(1200);

	private static final Duration DOWN_AFTER = Duration.ofMillis(2500);

	@TempDir
	Path folder;

	private FakeService service;

	private RunningWatch running;

	@AfterEach
	void stop() throws IOException {
		if (this.running != null) {
			this.running.close();
		}
		if (this.service != null) {
			this.service.close();
		}
	}

	/**
	 * A healthy service goes silent, its poll hanging until its deadline, and comes back.
	 * On a clock the test moves a beat at a time, so that what is counted is the watch's
	 * beats, which a loaded machine cannot move: stale at the first beat past stale-after
	 * of silence, down at the first past down-after, silence counting from the start of
	 * the last poll answered.
	 */
	@Test
	void aServiceThatStopsAnsweringGoesStaleThenDownAndComesBack() throws IOException {
		try (ClockedWatch clocked = healthyOnASettableClock()) {
			this.service.slowFor(60_000).mode(Mode.SLOW);
			int beatsToStale = clocked.beatsUntil(Health.STALE);
			int beatsToDown = beatsToStale + clocked.beatsUntil(Health.DOWN);

			assertThat(beatsToStale).isEqualTo(firstBeatPast(STALE_AFTER));
			assertThat(beatsToDown).isEqualTo(firstBeatPast(DOWN_AFTER));
			await().atMost(Duration.ofSeconds(10)).until(() -> clocked.verdict().failedPolls() > 0);
			assertThat(clocked.verdict().reason()).contains("no answer within 1 s");

			this.service.mode(Mode.HEALTHY);
			await().atMost(Duration.ofSeconds(10)).until(() -> clocked.tickInPlace() == Health.HEALTHY);
			assertThat(clocked.journal()).containsExactly("pending->healthy", "healthy->stale", "stale->down",
					"down->healthy");
		}
	}

	/** The beat, counted from the last answer's, at which {@code silence} is passed. */
	private static int firstBeatPast(Duration silence) {
		return (int) silence.dividedBy(INTERVAL) + 1;
	}

	@Test
	void aLostDatabaseIsJournaledWithItsReasonAndItsRecoveryToo() throws IOException {
		this.service = FakeService.start("cart-service");
		TargetState state = watch(Duration.ofSeconds(1)).states().get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.HEALTHY);

		this.service.mode(Mode.DATABASE_DOWN);
		await().atMost(Duration.ofSeconds(5)).until(() -> health(state) == Health.UNHEALTHY);
		this.service.mode(Mode.HEALTHY);
		await().atMost(Duration.ofSeconds(5)).until(() -> health(state) == Health.HEALTHY);

		Transition lost = this.running.history().transitions().get(1);
		assertThat(lost.to()).isEqualTo(Health.UNHEALTHY);
		assertThat(lost.reason()).isEqualTo("database unreachable: connection refused");
		assertThat(this.running.history().transitions().get(0).to()).isEqualTo(Health.HEALTHY);
	}

	/**
	 * A row keeps the health of its last answer until stale-after, but says at once that
	 * the polls since have failed, and why, as soon as the first of them does.
	 */
	@Test
	void failedPollsAreShownAtOnceWhileTheLastAnswerStillStands() throws IOException {
		this.service = FakeService.start("cart-service");
		TargetState state = watch(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60)).states()
			.get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.HEALTHY);
		assertThat(this.running.watch().verdict(state, this.running.watch().now()).reason()).isNull();
		assertThat(failedPolls(state)).isZero();

		this.service.slowFor(60_000).mode(Mode.SLOW);
		await().atMost(Duration.ofSeconds(10)).until(() -> failedPolls(state) >= 1);
		Verdict first = this.running.watch().verdict(state, this.running.watch().now());
		await().atMost(Duration.ofSeconds(10)).until(() -> failedPolls(state) >= 2);
		Verdict later = this.running.watch().verdict(state, this.running.watch().now());

		assertThat(first.health()).isEqualTo(Health.HEALTHY);
		assertThat(first.reason()).isIn("the last poll failed: no answer within 0.5 s",
				"the last 2 polls failed, the latest: no answer within 0.5 s");
		assertThat(later.health()).isEqualTo(Health.HEALTHY);
		assertThat(later.reason()).matches("the last \\d+ polls failed, the latest: no answer within 0.5 s");

		this.service.mode(Mode.DATABASE_DOWN);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.UNHEALTHY);
		this.service.mode(Mode.GARBAGE);
		await().atMost(Duration.ofSeconds(10)).until(() -> failedPolls(state) > 0);

		assertThat(this.running.watch().verdict(state, this.running.watch().now())).satisfies((verdict) -> {
			assertThat(verdict.health()).isEqualTo(Health.UNHEALTHY);
			assertThat(verdict.reason()).startsWith("the last ")
				.contains("/health answered garbage: HTTP 200")
				.endsWith("(last answer: database unreachable: connection refused)");
		});

		this.service.mode(Mode.HEALTHY);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.HEALTHY);
		assertThat(failedPolls(state)).isZero();
		assertThat(this.running.watch().verdict(state, this.running.watch().now()).reason()).isNull();
	}

	/**
	 * A poll each beat, never more, and never two at once. How many beats there were is
	 * what the watch itself sampled, not what the wall clock allowed: a machine loaded by
	 * other builds delays the beats, and the polls with them, but does not stop them.
	 */
	@Test
	void theServiceSeesOnePollPerIntervalAndNeverTwoAtOnce() throws Exception {
		this.service = FakeService.start("product-service");
		TargetState state = watch(Duration.ofMillis(500)).states().get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.healthRequests() > 0);
		long started = System.nanoTime();
		int beatsBefore = beats();
		int before = this.service.healthRequests();
		await().atMost(Duration.ofSeconds(60)).until(() -> beats() - beatsBefore >= 20);
		int polls = this.service.healthRequests() - before;
		int beats = beats() - beatsBefore;
		long wallBeats = Duration.ofNanos(System.nanoTime() - started).dividedBy(INTERVAL);

		// Never more than a poll per 200 ms, give or take one at either end.
		assertThat(polls).isLessThanOrEqualTo((int) wallBeats + 2);
		// A poll each beat: a beat starts none only while the poll before still runs,
		// and a healthy service answers within a fraction of a beat even on a loaded
		// machine. A watch that polled at every third beat or less would fall below half.
		assertThat(polls).as("polls in %d beats", beats).isGreaterThanOrEqualTo(beats / 2);

		// a poll that takes 2.5 beats to time out is not joined by the next ones: one
		// starts every 3 beats
		List<Integer> failedBeforeEachSlowPoll = new CopyOnWriteArrayList<>();
		this.service.onHealthRequest((mode) -> {
			if (mode == Mode.SLOW) {
				failedBeforeEachSlowPoll.add(failedPolls(state));
			}
		});
		this.service.slowFor(60_000).mode(Mode.SLOW);
		Thread.sleep(600);
		long slowStarted = System.nanoTime();
		int slowBeatsBefore = beats();
		int slowBefore = this.service.healthRequests();
		await().atMost(Duration.ofSeconds(60)).until(() -> beats() - slowBeatsBefore >= 9);
		int slowPolls = this.service.healthRequests() - slowBefore;
		long slowWallBeats = Duration.ofNanos(System.nanoTime() - slowStarted).dividedBy(INTERVAL);
		assertThat(slowPolls).isLessThanOrEqualTo((int) (slowWallBeats / 3) + 2);
		// 9 beats are at least 800 ms, past the deadline of any poll running at the first
		assertThat(slowPolls).as("polls in 9 beats").isPositive();
		// never two at once: each slow poll is sent only once every one before it has
		// failed at its deadline, so that the service, when it sees the nth, has been
		// failed by the n-1 before it; polls at every beat, the one before still running,
		// would each find the last two or three still unfailed. An order, not a time: a
		// loaded machine that delays an arrival only lets more polls fail before it.
		await().atMost(Duration.ofSeconds(30)).until(() -> failedBeforeEachSlowPoll.size() >= 4);
		List<Integer> failedBefore = List.copyOf(failedBeforeEachSlowPoll);
		for (int poll = 1; poll < failedBefore.size(); poll++) {
			assertThat(failedBefore.get(poll))
				.as("polls failed when slow poll %d of %s arrived", poll + 1, failedBefore)
				.isGreaterThanOrEqualTo(poll);
		}
	}

	/**
	 * The beats the watch has made, read from its samples in the history file: it samples
	 * each instance at every beat. Beats less than half an interval apart count once:
	 * after a stall the timer runs the beats it missed back to back, and only the first
	 * of them can start a poll, which the others find still running.
	 */
	private int beats() throws IOException {
		String file = Files.readString(this.folder.resolve("history.jsonl"));
		// a line still being written is left for the next count
		String written = file.substring(0, file.lastIndexOf('\n') + 1);
		int beats = 0;
		long last = Long.MIN_VALUE;
		for (String line : written.lines().toList()) {
			JsonNode sample = JSON.readTree(line);
			if (sample.has("h")) {
				long at = sample.path("t").asLong();
				if (at - last >= INTERVAL.toMillis() / 2) {
					beats++;
				}
				last = at;
			}
		}
		return beats;
	}

	/**
	 * The reviewer's slow report: {@code /health} said 503 at once, but the row turned
	 * unhealthy only at the poll's deadline, as the poll waited for
	 * {@code /health/detailed}. The report is held until the row is unhealthy, so the row
	 * can only have learned it from {@code /health}, however slow the machine.
	 */
	@Test
	void aLostDatabaseShowsAsSoonAsHealthSaysSoWhateverTheReportTakes() throws IOException {
		// a deadline far past the 10 s the row is given to turn
		try (ClockedWatch clocked = healthyOnASettableClock(Duration.ofSeconds(30))) {
			this.service.slowFor(60_000).mode(Mode.DATABASE_DOWN_SLOW_REPORT);

			await().atMost(Duration.ofSeconds(10)).until(() -> clocked.tickInPlace() == Health.UNHEALTHY);
			assertThat(clocked.verdict().failedPolls()).isZero();
			// the whole answer follows, and the report with it
			this.service.answerSlowRequestsNow();
			await().atMost(Duration.ofSeconds(10)).until(() -> clocked.state().lastAnswer().detailed() != null);
			assertThat(clocked.state().lastAnswer().detailed().path("overall_status").asString())
				.isEqualTo("unhealthy");
			assertThat(clocked.health()).isEqualTo(Health.UNHEALTHY);
		}
	}

	/**
	 * A crashed replica started again within stale-after never changes health: only its
	 * new process start time in /metrics tells, and the journal says so once. Its times
	 * in UTC, as the page's, whatever the zone of the console's machine, which the
	 * browser's need not be.
	 */
	@Test
	void aProcessThatRestartsBetweenPollsIsJournaledOnceInUtcWhileItsHealthStaysTheSame() throws Exception {
		TimeZone machines = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
		try {
			long now = System.currentTimeMillis();
			Instant before = Instant.ofEpochSecond(now / 1000 - 3600);
			this.service = FakeService.start("cart-service").processStart(String.valueOf(before.getEpochSecond()));
			TargetState state = watchThatNeverGoesStale().states().get(0);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> health(state) == Health.HEALTHY && state.started() != null);

			this.service.processStart("%d.%03d".formatted(now / 1000, now % 1000));
			await().atMost(Duration.ofSeconds(10)).until(() -> !restarts().isEmpty());
			awaitMorePollsAnswered(5); // of the new process

			assertThat(restarts()).singleElement().satisfies((restart) -> {
				assertThat(restart.from()).isEqualTo(Health.HEALTHY);
				assertThat(restart.to()).isEqualTo(Health.HEALTHY);
				assertThat(restart.reason()).matches(
						"restarted: a new process started at \\d\\d:\\d\\d:\\d\\d UTC \\(the one before had started at "
								+ "(\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d UTC\\)")
					.contains(DateTimeFormatter.ISO_LOCAL_TIME.format(before.atZone(ZoneOffset.UTC)) + " UTC)");
			});
			assertThat(state.started()).isEqualTo(Instant.ofEpochMilli(now));
			assertThat(healthChanges()).containsExactly("pending->healthy");
			assertThat(health(state)).isEqualTo(Health.HEALTHY);
		}
		finally {
			TimeZone.setDefault(machines);
		}
	}

	/**
	 * A service whose {@code /metrics} gives the same start time at every poll: no
	 * restart, and no change of health either.
	 */
	@Test
	void aProcessThatKeepsItsStartTimeIsNoRestart() throws Exception {
		this.service = FakeService.start("cart-service");
		TargetState state = watchThatNeverGoesStale().states().get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.HEALTHY && state.started() != null);

		awaitMorePollsAnswered(5);

		assertThat(restarts()).isEmpty();
		assertThat(healthChanges()).containsExactly("pending->healthy");
	}

	/**
	 * No start time is no news, and the first one seen, or the same one seen again after
	 * polls without it, is no restart.
	 */
	@Test
	void metricsWithoutTheStartTimeGiveNoRestartAndKeepTheHealth() throws Exception {
		this.service = FakeService.start("cart-service").processStart(null);
		TargetState state = watchThatNeverGoesStale().states().get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> health(state) == Health.HEALTHY);
		awaitMorePollsAnswered(5);
		assertThat(state.started()).isNull();

		this.service.processStart("1.764849e9");
		await().atMost(Duration.ofSeconds(10)).until(() -> state.started() != null);
		this.service.processStart(null);
		awaitMorePollsAnswered(5);
		this.service.processStart("1764849000.000");
		awaitMorePollsAnswered(5);

		assertThat(restarts()).isEmpty();
		assertThat(healthChanges()).containsExactly("pending->healthy");
		assertThat(health(state)).isEqualTo(Health.HEALTHY);
	}

	/**
	 * An address behind which two processes answer in turn (a load balancer) gives an
	 * earlier start at every other poll: not a restart each time.
	 */
	@Test
	void anEarlierStartTimeIsAnotherProcessNotARestart() throws Exception {
		this.service = FakeService.start("cart-service").processStart("1764849600.5");
		TargetState state = watch(Duration.ofSeconds(1)).states().get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> state.started() != null);

		this.service.processStart("1764849000.25");
		awaitMorePollsAnswered(5);

		assertThat(restarts()).isEmpty();
		assertThat(state.started()).isEqualTo(Instant.parse("2025-12-04T12:00:00.500Z"));
	}

	/**
	 * Waits for {@code count} more polls to be answered, however long a loaded machine
	 * takes for them: a poll is answered once the next one arrives, as two never run at
	 * once.
	 */
	private void awaitMorePollsAnswered(int count) {
		int before = this.service.healthRequests();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.service.healthRequests() > before + count);
	}

	private List<Transition> restarts() {
		return this.running.history().transitions().stream().filter(Transition::restart).toList();
	}

	/** The journal's changes, oldest first. */
	private List<String> journal() {
		return this.running.history()
			.transitions()
			.reversed()
			.stream()
			.map((transition) -> transition.from().json() + "->" + transition.to().json())
			.toList();
	}

	private List<String> healthChanges() {
		return this.running.history()
			.transitions()
			.reversed()
			.stream()
			.filter((transition) -> !transition.restart())
			.map((transition) -> transition.from().json() + "->" + transition.to().json())
			.toList();
	}

	/**
	 * The console's own process stopped for a minute (SIGSTOP) polled nothing meanwhile:
	 * the first beat back must not call every instance down for a silence it could not
	 * hear, while silence after it still counts.
	 */
	@Test
	void timeTheConsoleItselfWasStoppedIsNoInstancesSilence() throws IOException {
		try (ClockedWatch clocked = healthyOnASettableClock()) {
			clocked.clock().advance(Duration.ofSeconds(60));
			clocked.watch().tick();

			assertThat(clocked.health()).isEqualTo(Health.HEALTHY);
			clocked.awaitAPollWhollyAnsweredNow();
			this.service.mode(Mode.GARBAGE);
			for (int beat = 0; beat < 10; beat++) {
				clocked.beat();
			}
			assertThat(clocked.health()).isEqualTo(Health.STALE);
			assertThat(clocked.journal()).containsExactly("pending->healthy", "healthy->stale");
		}
	}

	/**
	 * A page asked for right after the console's own process was stopped, before its
	 * first beat back: the verdict it is told must not count the pause as the instance's
	 * silence either (the page drew a healthy service stale, and announced it), and the
	 * beat that follows journals nothing.
	 */
	@Test
	void aPageAnsweredBeforeTheFirstBeatBackDoesNotCountTheConsolesOwnStop() throws IOException {
		try (ClockedWatch clocked = healthyOnASettableClock()) {
			clocked.clock().advance(Duration.ofSeconds(20));

			assertThat(clocked.health()).isEqualTo(Health.HEALTHY);
			clocked.watch().tick();
			assertThat(clocked.health()).isEqualTo(Health.HEALTHY);
			assertThat(clocked.journal()).containsExactly("pending->healthy");
		}
	}

	/**
	 * A watch of one healthy service whose clock the test moves by hand, with its own
	 * history and poller.
	 */
	private ClockedWatch healthyOnASettableClock() throws IOException {
		return healthyOnASettableClock(Duration.ofSeconds(1));
	}

	private ClockedWatch healthyOnASettableClock(Duration deadline) throws IOException {
		this.service = FakeService.start("auth-service");
		SettableClock clock = new SettableClock(Instant.now());
		ConsoleSettings settings = new ConsoleSettings(List.of(this.service.entry()), INTERVAL, deadline,
				Duration.ofSeconds(1), STALE_AFTER, DOWN_AFTER, null, null, this.folder.resolve("history.jsonl"));
		History history = History.open(settings.historyFile(), clock.instant());
		HealthPoller poller = new HealthPoller(settings.pollTimeout(), settings.details(), clock);
		Watch watch = new Watch(settings, poller, history, clock);
		ClockedWatch clocked = new ClockedWatch(clock, history, poller, watch, watch.states().get(0));
		try {
			watch.tick();
			await().atMost(Duration.ofSeconds(10)).until(() -> clocked.health() == Health.HEALTHY);
			return clocked;
		}
		catch (RuntimeException ex) {
			clocked.close();
			throw ex;
		}
	}

	private record ClockedWatch(SettableClock clock, History history, HealthPoller poller, Watch watch,
			TargetState state) implements AutoCloseable {

		Verdict verdict() {
			return this.watch.verdict(this.state, this.watch.now());
		}

		Health health() {
			return verdict().health();
		}

		/** One beat on: the clock moved by an interval, and the watch's tick. */
		Health beat() {
			this.clock.advance(INTERVAL);
			this.watch.tick();
			return health();
		}

		/**
		 * A tick with the clock where it is: a new poll unless one runs, and no silence
		 * added however long the machine takes to answer it.
		 */
		Health tickInPlace() {
			this.watch.tick();
			return health();
		}

		/**
		 * Ticks in place until a poll started at the clock's present instant has been
		 * answered whole, report too, and starts none after it: no healthy answer is
		 * still on its way, however long a loaded machine takes with it, to land among
		 * beats the test makes next.
		 */
		void awaitAPollWhollyAnsweredNow() {
			Instant now = this.clock.instant();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				Observation answer = this.state.lastAnswer();
				if (answer != null && !answer.at().isBefore(now) && answer.detailed() != null) {
					return true;
				}
				tickInPlace();
				return false;
			});
		}

		/** How many beats until the verdict is {@code health}; at most 100. */
		int beatsUntil(Health health) {
			for (int beats = 1; beats <= 100; beats++) {
				if (beat() == health) {
					return beats;
				}
			}
			throw new AssertionError("still " + health() + " after 100 beats");
		}

		/** The journal's changes, oldest first. */
		List<String> journal() {
			return this.history.transitions()
				.reversed()
				.stream()
				.map((transition) -> transition.from().json() + "->" + transition.to().json())
				.toList();
		}

		@Override
		public void close() throws IOException {
			try (History closedLast = this.history;
					HealthPoller closedSecond = this.poller;
					Watch closedFirst = this.watch) {
				// the watch first, the history it writes to last
			}
		}

	}

	private Watch watch(Duration deadline) throws IOException {
		return watch(deadline, STALE_AFTER, DOWN_AFTER);
	}

	/**
	 * A watch with a 1 s deadline whose stale-after (30 s) no poll reaches, not even the
	 * first one on a loaded machine: its journal holds no change of health the test did
	 * not make, and so shows one that a restart would wrongly make.
	 */
	private Watch watchThatNeverGoesStale() throws IOException {
		return watch(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

	private Watch watch(Duration deadline, Duration staleAfter, Duration downAfter) throws IOException {
		ConsoleSettings settings = new ConsoleSettings(List.of(this.service.entry()), INTERVAL, deadline,
				Duration.ofSeconds(1), staleAfter, downAfter, null, null, this.folder.resolve("history.jsonl"));
		this.running = RunningWatch.start(settings);
		return this.running.watch();
	}

	private Health health(TargetState state) {
		return this.running.watch().verdict(state, this.running.watch().now()).health();
	}

	private int failedPolls(TargetState state) {
		return this.running.watch().verdict(state, this.running.watch().now()).failedPolls();
	}

}
