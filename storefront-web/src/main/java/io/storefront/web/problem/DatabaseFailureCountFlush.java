package io.storefront.web.problem;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Logs the 503 counts of a {@link ProblemDetailsAdvice} that no later 503 logs: each
 * second it writes those whose last line is 10 s old, on one thread of its own that runs
 * only while the application context does, and on stop it writes what is left. So it
 * writes nothing while its context is stopped, as a test's context is (paused) while it
 * waits in the cache for its next test.
 */
public final class DatabaseFailureCountFlush implements SmartLifecycle {

	/**
	 * Stopped after the web server, so that no 503 is served after the last count is
	 * written.
	 */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;

	private final List<DatabaseFailureLog> logs;

	private final String threadName;

	private volatile ScheduledExecutorService flushes;

	/**
	 * @param threadName the name of its thread, which each line it writes carries: one
	 * per application context, so that the lines of one context's flush can be told apart
	 * from another's in the same JVM
	 */
	public DatabaseFailureCountFlush(ProblemDetailsAdvice advice, String threadName) {
		this.logs = advice.databaseFailureLogs();
		this.threadName = threadName;
	}

	@Override
	public void start() {
		this.flushes = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.threadName).daemon().factory());
		this.flushes.scheduleWithFixedDelay(this::logDueCounts, 1, 1, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopping = this.flushes;
		if (stopping == null) {
			return;
		}
		this.flushes = null;
		stopping.shutdownNow();
		try {
			stopping.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.logs.forEach(DatabaseFailureLog::logCount);
	}

	@Override
	public boolean isRunning() {
		return this.flushes != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void logDueCounts() {
		this.logs.forEach(DatabaseFailureLog::logCountIfDue);
	}

}
