package io.storefront.launcher.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Processes by PID: looking at those an earlier run may have left behind, and ending
 * processes the one way the launcher does (SIGTERM, a grace period, then SIGKILL).
 */
public final class Processes {

	/** How long a process is given to vanish after SIGKILL. */
	static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private Processes() {
	}

	/** The live process {@code pid} when its command line mentions {@code marker}. */
	public static Optional<ProcessHandle> alive(long pid, String marker) {
		if (pid <= 0 || pid == ProcessHandle.current().pid()) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> commandLine(process).contains(marker));
	}

	public static String commandLine(ProcessHandle process) {
		ProcessHandle.Info info = process.info();
		return info.commandLine().or(info::command).orElse("");
	}

	/**
	 * SIGTERM, then SIGKILL if it is still there after {@code grace}; returns once it is
	 * gone (or given up on).
	 */
	public static void stop(ProcessHandle process, Duration grace) {
		stop(List.of(process), grace);
	}

	/**
	 * SIGTERM to all at once (so they shut down side by side), then SIGKILL to any still
	 * there once {@code grace} has passed; returns once they are gone (or given up on).
	 */
	public static void stop(List<ProcessHandle> processes, Duration grace) {
		processes.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle process : processes) {
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			if (!awaitExit(process, left)) {
				process.destroyForcibly();
				awaitExit(process, KILL_WAIT);
			}
		}
	}

	public static boolean awaitExit(ProcessHandle process, Duration limit) {
		try {
			process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	public static long parsePid(String text) {
		try {
			return (text == null) ? -1 : Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
