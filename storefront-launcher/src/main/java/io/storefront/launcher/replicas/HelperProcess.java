package io.storefront.launcher.replicas;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.state.Processes;

/**
 * A program {@code up} runs beside the services (HAProxy, PgBouncer): started in its own
 * session so that Ctrl-C reaches only the launcher, its output appended to a log file,
 * ready once it accepts connections on its ports, stopped by SIGTERM.
 */
final class HelperProcess {

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private static final int REASON_LINES = 5;

	private final String name;

	private final Process process;

	private final Path log;

	private HelperProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static HelperProcess start(String name, List<String> command, Path log) {
		List<String> full = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			full.add("/usr/bin/setsid");
		}
		full.addAll(command);
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(full).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new HelperProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until every one of {@code ports} on {@code host} accepts a connection; stops
	 * it and fails if it cannot.
	 */
	void awaitListening(String host, List<Integer> ports, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		for (int port : ports) {
			while (!accepts(host, port)) {
				if (!this.process.isAlive()) {
					throw new LauncherException(this.name + " exited with code " + this.process.exitValue()
							+ " at start" + lastLines() + " (log: " + this.log + ")");
				}
				if (System.nanoTime() > deadline) {
					stop();
					throw new LauncherException(this.name + " did not listen on " + host + ":" + port + " within "
							+ limit.toSeconds() + " s" + lastLines() + " (log: " + this.log + ")");
				}
				sleep(50);
			}
		}
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	OptionalInt exitCode() {
		return this.process.isAlive() ? OptionalInt.empty() : OptionalInt.of(this.process.exitValue());
	}

	Path log() {
		return this.log;
	}

	/** SIGTERM, then SIGKILL if it is still there after the grace period. */
	void stop() {
		if (this.process.isAlive()) {
			Processes.stop(this.process.toHandle(), STOP_GRACE);
		}
	}

	/** The last few lines of its log, as {@code ": a / b"}, or nothing. */
	String lastLines() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.toList();
			return lines.isEmpty() ? ""
					: ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - REASON_LINES), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "";
		}
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LauncherException("interrupted while waiting for a helper program to start");
		}
	}

}
