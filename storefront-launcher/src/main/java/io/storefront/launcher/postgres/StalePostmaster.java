package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.Processes;

/**
 * A {@code postmaster.pid} left in the data folder by a run that was killed: either the
 * server it names is still running (orphaned; it is shut down, fast, so this run can
 * start its own) or it is gone (the file is removed). After a reboot its PID may belong
 * to another program, even another PostgreSQL server: only a {@code postgres} whose
 * command line names this data folder is stopped.
 */
public final class StalePostmaster {

	private StalePostmaster() {
	}

	public static void clear(Path dataDirectory, Consumer<String> notes) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid = Processes.parsePid(firstLine(pidFile));
		String folder = dataDirectory.toAbsolutePath().toString();
		Optional<ProcessHandle> orphan = Processes.alive(pid, "postgres")
			.filter((process) -> Processes.commandLine(process).contains(folder));
		if (orphan.isPresent()) {
			notes.accept("note: stopping PostgreSQL left running by an earlier run (PID " + pid + ")");
			fastShutdown(orphan.get());
		}
		else {
			notes.accept(
					"note: removing stale " + pidFile + " (PID " + ((pid > 0) ? pid : "?") + " is no longer running)");
		}
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + pidFile, ex);
		}
	}

	/**
	 * SIGINT is PostgreSQL's fast shutdown: clients are disconnected, everything
	 * committed stays.
	 */
	private static void fastShutdown(ProcessHandle postmaster) {
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			postmaster.destroy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!Processes.awaitExit(postmaster, Duration.ofSeconds(30))) {
			throw new LauncherException("PostgreSQL left running by an earlier run (PID " + postmaster.pid()
					+ ") did not stop; stop it and try again");
		}
	}

	private static String firstLine(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return lines.isEmpty() ? null : lines.get(0);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
