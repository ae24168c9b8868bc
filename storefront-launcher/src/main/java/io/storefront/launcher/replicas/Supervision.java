package io.storefront.launcher.replicas;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Keeps {@code up --replicas}' children running, as an orchestrator would: one that exits
 * is started again on its port at once; one that then fails to get ready (it exits, it
 * cannot start, or it is not ready within the start timeout), or that exits again soon
 * after getting ready other than by SIGTERM, is started again after a {@link Backoff},
 * again and again, each attempt told in one line. It never gives up: the same command got
 * ready in this run, so what keeps it from starting again is around it (the database is
 * unreachable, a port is taken), and may end any moment, while the other children go on
 * serving.
 */
final class Supervision {

	/**
	 * A rolling restart's stop (128 + SIGTERM): never counted as a crash, so a replica
	 * restarted twice in a minute is started again at once both times. PgBouncer 1.18
	 * exits 1 on SIGTERM, its code for a crash too, so its SIGTERM cannot be told apart.
	 */
	private static final int STOPPED_BY_SIGTERM = 143;

	private final List<Watched> children;

	private final PrintStream out;

	private final Duration startTimeout;

	private final Backoff backoff;

	private final Consumer<Restartable> started;

	/**
	 * @param startTimeout how long a child started again may take to be ready
	 * @param started hears of every child started again
	 */
	Supervision(List<? extends Restartable> children, PrintStream out, Duration startTimeout, Backoff backoff,
			Consumer<Restartable> started) {
		this.children = children.stream().map(Watched::new).toList();
		this.out = out;
		this.startTimeout = startTimeout;
		this.backoff = backoff;
		this.started = started;
	}

	/** Looks at every child once, and starts again those whose time has come. */
	void check() {
		this.children.forEach(Watched::check);
	}

	/** One child, and where it is in being started again. */
	private final class Watched {

		private final Restartable child;

		/** When it exited after running well, while it is not ready again; else 0. */
		private long downSince;

		/** When its latest start began. */
		private long attemptStarted;

		/** When to start it again after a failed attempt; else 0. */
		private long retryAt;

		/** When it last got ready again; 0 while it runs as first started. */
		private long readyAgainAt;

		private int failures;

		Watched(Restartable child) {
			this.child = child;
		}

		void check() {
			long now = System.nanoTime();
			if (this.retryAt != 0) {
				if (now - this.retryAt >= 0) {
					this.retryAt = 0;
					startAgain(now);
				}
			}
			else if (!this.child.child().isAlive()) {
				int code = this.child.child().exitCode().orElse(-1);
				String exit = " exited with code " + code;
				if (this.downSince == 0 && code != STOPPED_BY_SIGTERM && crashLooping(now)) {
					this.downSince = now;
					failed(String.format(Locale.ROOT, "%s %.1f s after getting ready again", exit,
							(now - this.readyAgainAt) / 1e9), now);
				}
				else if (this.downSince == 0) {
					this.downSince = now;
					this.failures = 0;
					Supervision.this.out
						.println(this.child.label() + exit + "; starting it again on " + this.child.address());
					startAgain(now);
				}
				else {
					failed(exit + " while starting again", now);
				}
			}
			else if (this.downSince != 0) {
				if (this.child.isReady()) {
					Supervision.this.out.println(String.format(Locale.ROOT, "%s ready again on %s (%.1f s)",
							this.child.label(), this.child.address(), (now - this.downSince) / 1e9));
					this.downSince = 0;
					this.readyAgainAt = now;
				}
				else if (now - this.attemptStarted > Supervision.this.startTimeout.toNanos()) {
					this.child.child().stop();
					failed(" was not ready again within " + Supervision.this.startTimeout.toSeconds() + " s (log: "
							+ this.child.child().log() + ")", now);
				}
			}
		}

		private boolean crashLooping(long now) {
			return this.readyAgainAt != 0 && now - this.readyAgainAt < Supervision.this.backoff.stable().toNanos();
		}

		private void startAgain(long now) {
			this.attemptStarted = now;
			try {
				this.child.startAgain();
			}
			catch (RuntimeException ex) {
				failed(" could not start again: " + ex.getMessage(), now);
				return;
			}
			Supervision.this.started.accept(this.child);
		}

		private void failed(String what, long now) {
			this.failures++;
			Duration delay = Supervision.this.backoff.after(this.failures);
			this.retryAt = now + delay.toNanos();
			Supervision.this.out.println(String.format(Locale.ROOT, "%s%s; starting it again in %d s (attempt %d)",
					this.child.label(), what, delay.toSeconds(), this.failures + 1));
		}

	}

}
