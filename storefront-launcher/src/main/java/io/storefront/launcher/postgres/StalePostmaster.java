package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.Processes;

/**
 * A {@code postmaster.pid} left in the data folder by a run that was killed: either the
 * server it names is still running (orphaned; it is shut down, fast, so this run can
 * start its own) or it is gone (the file is removed). After a reboot its PID may belong
 * to another program, even another PostgreSQL server: only a {@code postgres} whose
 * command line names this data folder, in any spelling of it, is stopped.
 */
public final class StalePostmaster {

	private StalePostmaster() {
	}

	public static void clear(Path dataDirectory, Consumer<String> notes) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = lines(pidFile);
		long pid = Processes.parsePid(lines.isEmpty() ? null : lines.get(0));
		Set<String> spellings = spellings(dataDirectory, lines);
		Optional<ProcessHandle> orphan = Processes.alive(pid, "postgres").filter((process) -> {
			String commandLine = Processes.commandLine(process);
			return spellings.stream().anyMatch(commandLine::contains);
		});
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

	/**
	 * The ways a server of this folder may name it on its command line: as this run
	 * spells it, its real path, and as the server itself wrote it in the second line of
	 * {@code postmaster.pid} when that is the same folder, so that an earlier run that
	 * reached it through a symbolic link is still recognised.
	 */
	private static Set<String> spellings(Path dataDirectory, List<String> pidFileLines) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(dataDirectory.toAbsolutePath().toString());
		realPath(dataDirectory).ifPresent((real) -> {
			spellings.add(real.toString());
			if (pidFileLines.size() > 1 && !pidFileLines.get(1).isBlank()
					&& realPath(Path.of(pidFileLines.get(1))).filter(real::equals).isPresent()) {
				spellings.add(pidFileLines.get(1));
			}
		});
		return spellings;
	}

	private static Optional<Path> realPath(Path path) {
		try {
			return Optional.of(path.toRealPath());
		}
		catch (IOException | InvalidPathException ex) {
			return Optional.empty();
		}
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
