package io.storefront.console.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.storefront.console.poll.Health;
import io.storefront.console.poll.Observation;
import io.storefront.console.settings.ServiceTarget;

/**
 * What the console knows about one service instance: its last poll, when it last
 * answered, and the verdict last journaled. The verdict follows the clock: with no usable
 * answer for {@code staleAfter} the instance is stale, for {@code downAfter} down,
 * whether its polls fail fast or hang until their deadline.
 */
public final class TargetState {

	private final ServiceTarget target;

	private final Instant watchingSince;

	private final AtomicBoolean polling = new AtomicBoolean();

	private Observation last;

	private Observation lastAnswer;

	private int failedPolls;

	private Verdict journaled = new Verdict(Health.PENDING, null, 0);

	/** The latest process start time {@code /metrics} gave, {@code null} before any. */
	private Instant started;

	/**
	 * Time the console itself was away (stopped, or starved of CPU) since the last usable
	 * answer: silence it could not have heard, not the instance's.
	 */
	private Duration away = Duration.ZERO;

	/** When the console was last back from being away. */
	private Instant backFromAway = Instant.MIN;

	TargetState(ServiceTarget target, Instant watchingSince) {
		this.target = target;
		this.watchingSince = watchingSince;
	}

	public ServiceTarget target() {
		return this.target;
	}

	/**
	 * Claims the next poll; false while one is still running (at most one poll per
	 * instance at a time).
	 */
	boolean startPoll() {
		return this.polling.compareAndSet(false, true);
	}

	/**
	 * Records what {@code /health} alone said while the rest of the poll is awaited, if
	 * it changes the health: the last whole answer, report and all, stays while it says
	 * the same.
	 * @return whether it was recorded
	 */
	synchronized boolean earlyAnswer(Observation early) {
		if (this.lastAnswer != null && this.failedPolls == 0 && this.lastAnswer.answer() == early.answer()) {
			return false;
		}
		finishPoll(early);
		return true;
	}

	synchronized void finishPoll(Observation observation) {
		this.last = observation;
		if (observation.answered()) {
			this.lastAnswer = observation;
			this.failedPolls = 0;
			if (!observation.at().isBefore(this.backFromAway)) {
				this.away = Duration.ZERO;
			}
		}
		else {
			this.failedPolls++;
		}
	}

	/**
	 * Records the process start time {@code observation} carries. Only a later one than
	 * any seen before is a restart: the first one seen is not, nor is none, and an
	 * earlier one is another process answering at the same address (as behind a load
	 * balancer), which would otherwise be journaled at every other poll.
	 * @return the restart, or {@code null}
	 */
	synchronized Restart noteStart(Observation observation) {
		Instant start = observation.started();
		if (start == null || (this.started != null && !start.isAfter(this.started))) {
			return null;
		}
		Instant before = this.started;
		this.started = start;
		return (before != null) ? new Restart(before, start) : null;
	}

	/**
	 * When the instance's process started, as its {@code /metrics} last told;
	 * {@code null} if it never did.
	 */
	public synchronized Instant started() {
		return this.started;
	}

	void releasePoll() {
		this.polling.set(false);
	}

	public synchronized Observation last() {
		return this.last;
	}

	/**
	 * The last poll that got a usable answer (its details are still worth showing when
	 * later polls fail).
	 */
	public synchronized Observation lastAnswer() {
		return this.lastAnswer;
	}

	/**
	 * How long since the last usable answer (or since watching began, if there was none
	 * yet).
	 */
	public synchronized Duration silence(Instant now) {
		Instant since = (this.lastAnswer != null) ? this.lastAnswer.at() : this.watchingSince;
		Duration silence = Duration.between(since, now).minus(this.away);
		return silence.isNegative() ? Duration.ZERO : silence;
	}

	/**
	 * Leaves {@code gap}, during which the console itself was away until {@code back},
	 * out of the silence.
	 */
	synchronized void consoleWasAway(Duration gap, Instant back) {
		this.away = this.away.plus(gap);
		this.backFromAway = back;
	}

	public synchronized Verdict verdict(Instant now, Duration staleAfter, Duration downAfter) {
		Duration silence = silence(now);
		String why = (this.last == null) ? "no answer yet"
				: (!this.last.answered()) ? this.last.problem() : "the last poll is still waiting for its answer";
		if (silence.compareTo(downAfter) > 0) {
			return new Verdict(Health.DOWN, "no usable answer for " + silence.toSeconds() + " s: " + why,
					this.failedPolls);
		}
		if (silence.compareTo(staleAfter) > 0) {
			return new Verdict(Health.STALE, "no usable answer for " + silence.toSeconds() + " s: " + why,
					this.failedPolls);
		}
		if (this.lastAnswer == null) {
			return new Verdict(Health.PENDING, why, this.failedPolls);
		}
		return new Verdict(this.lastAnswer.answer(), withFailedPolls(this.lastAnswer.problem()), this.failedPolls);
	}

	/**
	 * The reason of the last answer, after what the polls since have found, if they all
	 * failed: the health stands until stale-after, and the row says at once why it may no
	 * longer be true.
	 */
	private String withFailedPolls(String answered) {
		if (this.failedPolls == 0) {
			return answered;
		}
		String failed = ((this.failedPolls == 1) ? "the last poll failed: "
				: "the last " + this.failedPolls + " polls failed, the latest: ") + this.last.problem();
		return (answered != null) ? failed + " (last answer: " + answered + ")" : failed;
	}

	/**
	 * Records {@code verdict}; returns the one it replaces if the health changed (a
	 * transition), else null.
	 */
	synchronized Verdict changeTo(Verdict verdict) {
		Verdict before = this.journaled;
		this.journaled = verdict;
		return (before.health() != verdict.health()) ? before : null;
	}

}
