package io.storefront.launcher.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.storefront.launcher.process.Processes;

/**
 * The server a data folder's {@code postmaster.pid} names, while it runs. After a reboot
 * its PID may belong to another program, even another PostgreSQL server: only a
 * {@code postgres} whose command line names this data folder, in any spelling of it,
 * counts.
 */
final class Postmaster {

	private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

	private Postmaster() {
	}

	static Path pidFile(Path dataDirectory) {
		return dataDirectory.resolve("postmaster.pid");
	}

	/** The PID {@code postmaster.pid} names, or -1. */
	static long namedPid(Path dataDirectory) {
		List<String> lines = lines(pidFile(dataDirectory));
		return Processes.parsePid(lines.isEmpty() ? null : lines.get(0));
	}

	static Optional<ProcessHandle> running(Path dataDirectory) {
		List<String> lines = lines(pidFile(dataDirectory));
		long pid = Processes.parsePid(lines.isEmpty() ? null : lines.get(0));
		Set<String> spellings = spellings(dataDirectory, lines);
		return Processes.alive(pid, "postgres").filter((process) -> {
			String commandLine = Processes.commandLine(process);
			return spellings.stream().anyMatch(commandLine::contains);
		});
	}

	/**
	 * SIGINT is PostgreSQL's fast shutdown: clients are disconnected, everything
	 * committed stays.
	 * @return whether it is gone
	 */
	static boolean fastShutdown(ProcessHandle postmaster) {
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			postmaster.destroy();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Processes.awaitExit(postmaster, SHUTDOWN_LIMIT);
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
