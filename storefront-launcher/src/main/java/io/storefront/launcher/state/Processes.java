package io.storefront.launcher.state;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Looking at, and ending, processes that an earlier run may have left behind, by PID. */
public final class Processes {

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
		process.destroy();
		if (!awaitExit(process, grace)) {
			process.destroyForcibly();
			awaitExit(process, Duration.ofSeconds(5));
		}
	}

	public static boolean awaitExit(ProcessHandle process, Duration limit) {
		try {
			process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return !process.isAlive();
		}
		catch (java.util.concurrent.ExecutionException ex) {
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
