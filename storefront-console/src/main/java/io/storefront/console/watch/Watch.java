package io.storefront.console.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.storefront.console.history.History;
import io.storefront.console.history.Transition;
import io.storefront.console.poll.HealthPoller;
import io.storefront.console.poll.Observation;
import io.storefront.console.settings.ConsoleSettings;

/**
 * The console's clock: every poll interval, each instance's verdict is worked out again
 * (so silence turns into stale, then down, on time), sampled into the history, and a new
 * poll of the instance starts unless its last one is still running. Polls run on virtual
 * threads and end at their deadline; viewers only read what the polls found, so the
 * services see one poll per interval however many people look.
 */
public final class Watch implements AutoCloseable {

	private final List<TargetState> states;

	private final HealthPoller poller;

	private final History history;

	private final Clock clock;

	/** The beat, and how long silence lasts before stale and before down. */
	private final ConsoleSettings settings;

	/**
	 * When a verdict was last worked out, at a beat or for a page; {@code null} before
	 * the first.
	 */
	private Instant lastBeat;

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("console-watch").daemon(true).factory());

	public Watch(ConsoleSettings settings, HealthPoller poller, History history, Clock clock) {
		Instant now = clock.instant();
		this.states = settings.targets().stream().map((target) -> new TargetState(target, now)).toList();
		this.settings = settings;
		this.poller = poller;
		this.history = history;
		this.clock = clock;
	}

	public void start() {
		this.timer.scheduleAtFixedRate(this::tick, 0, this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** One beat: judge, sample, poll. */
	void tick() {
		Instant now = this.clock.instant();
		for (TargetState state : this.states) {
			Verdict verdict = reconsider(state, now);
			this.history.record(state.target().key(), now, verdict.health());
		}
		for (TargetState state : this.states) {
			if (state.startPoll()) {
				Thread.ofVirtual().name("poll-" + state.target().key()).start(() -> poll(state));
			}
		}
	}

	/**
	 * A verdict more than two intervals after the one before means the console itself was
	 * stopped (SIGSTOP, a suspended laptop) or starved of CPU: it polled nothing
	 * meanwhile, so that time is no instance's silence, and would otherwise turn every
	 * row stale or down, into the journal, on the first beat back (or the first poll
	 * answer, or a page's request, which may come before it).
	 */
	private synchronized void excuseTheConsolesOwnAbsence(Instant now) {
		Instant before = this.lastBeat;
		if (before != null && !now.isAfter(before)) {
			return;
		}
		this.lastBeat = now;
		Duration interval = this.settings.pollInterval();
		if (before == null || Duration.between(before, now).compareTo(interval.multipliedBy(2)) <= 0) {
			return;
		}
		Duration away = Duration.between(before, now).minus(interval);
		this.states.forEach((state) -> state.consoleWasAway(away, now));
	}

	/**
	 * One poll of {@code state}'s instance, claimed by {@link TargetState#startPoll}; a
	 * new process goes into the journal after any change of health the answer brings.
	 */
	private void poll(TargetState state) {
		Restart restart;
		try {
			Observation observation = this.poller.poll(state.target(), (early) -> {
				if (state.earlyAnswer(early)) {
					reconsider(state, this.clock.instant());
				}
			});
			state.finishPoll(observation);
			restart = state.noteStart(observation);
		}
		finally {
			state.releasePoll();
		}
		Instant now = this.clock.instant();
		Verdict verdict = reconsider(state, now);
		if (restart != null) {
			this.history.journal(Transition.restart(now, state.target().key(), verdict.health(), restart.reason(now)));
		}
	}

	/** The verdict now; a change of health goes into the journal. */
	private Verdict reconsider(TargetState state, Instant now) {
		// outside the state's lock: the excuse takes every state's
		excuseTheConsolesOwnAbsence(now);
		synchronized (state) {
			Verdict verdict = judge(state, now);
			Verdict before = state.changeTo(verdict);
			if (before != null) {
				this.history.journal(
						new Transition(now, state.target().key(), before.health(), verdict.health(), verdict.reason()));
			}
			return verdict;
		}
	}

	/**
	 * The verdict at {@code now}, as a page is told it: the console's own absence is
	 * excused first, as at a beat, so that a page it answers before its first beat back
	 * does not show that absence as the instance's silence.
	 */
	public Verdict verdict(TargetState state, Instant now) {
		excuseTheConsolesOwnAbsence(now);
		return judge(state, now);
	}

	private Verdict judge(TargetState state, Instant now) {
		return state.verdict(now, this.settings.staleAfter(), this.settings.downAfter());
	}

	public List<TargetState> states() {
		return this.states;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** What it watches, how often, and the limits a page shows its verdicts by. */
	public ConsoleSettings settings() {
		return this.settings;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
