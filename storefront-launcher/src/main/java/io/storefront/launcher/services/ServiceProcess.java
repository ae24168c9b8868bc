package io.storefront.launcher.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

import io.storefront.launcher.state.Processes;

/**
 * One service running as a child process ({@code java <flags> -jar}), in its own session
 * so that Ctrl-C in the terminal reaches only the launcher, which then stops the services
 * in order. Its output is shown with the service's name in front, kept whole in its log
 * file, and its last lines are remembered to explain a failure.
 */
public final class ServiceProcess {

	private static final int REMEMBERED_LINES = 40;

	private final ServiceSpec spec;

	private final Process process;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private final Thread pump;

	private ServiceProcess(ServiceSpec spec, Process process, PrintStream console, String prefix, boolean appendToLog) {
		this.spec = spec;
		this.process = process;
		this.pump = Thread.ofPlatform()
			.name(spec.label() + "-output")
			.daemon(true)
			.start(() -> pump(console, prefix, appendToLog));
	}

	public static ServiceProcess start(ServiceSpec spec, Path javaHome, Path workingDirectory, PrintStream console,
			String prefix) {
		return start(spec, javaHome, workingDirectory, console, prefix, false);
	}

	/**
	 * @param appendToLog keep what the log holds (a restarted service's earlier run),
	 * instead of starting it afresh
	 */
	static ServiceProcess start(ServiceSpec spec, Path javaHome, Path workingDirectory, PrintStream console,
			String prefix, boolean appendToLog) {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add("/usr/bin/setsid");
		}
		command.add(javaHome.resolve("bin").resolve("java").toString());
		// the flags on the command line, so that /proc/<pid>/cmdline says exactly how it
		// was started
		command.addAll(spec.javaArguments());
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().clear();
		builder.environment().putAll(spec.environment());
		try {
			Files.createDirectories(spec.log().getParent());
			return new ServiceProcess(spec, builder.start(), console, prefix, appendToLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + spec.name() + ": " + ex.getMessage(), ex);
		}
	}

	private void pump(PrintStream console, String prefix, boolean appendToLog) {
		OpenOption[] mode = appendToLog
				? new OpenOption[] { StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE }
				: new OpenOption[0];
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer log = Files.newBufferedWriter(this.spec.log(), StandardCharsets.UTF_8, mode)) {
			String line;
			while ((line = output.readLine()) != null) {
				log.write(line);
				log.write('\n');
				log.flush();
				for (String shown : LogLine.format(line)) {
					remember(shown);
					synchronized (console) {
						console.println(prefix + shown);
					}
				}
			}
		}
		catch (IOException ex) {
			// the process is gone; what it wrote so far has been shown
		}
	}

	private synchronized void remember(String line) {
		if (this.lastLines.size() == REMEMBERED_LINES) {
			this.lastLines.removeFirst();
		}
		this.lastLines.addLast(line);
	}

	/**
	 * Tells the terminal (stderr) that this service failed and why, with its last lines
	 * of output, as {@code up} does before stopping the others.
	 * @param what what happened, after the service's label
	 * @return 1, {@code up}'s exit status for a failure
	 */
	public int reportFailure(String what) {
		System.err.println("storefront up: " + this.spec.label() + what + "; stopping the others. Its last lines:");
		lastLines().forEach((line) -> System.err.println("  " + line));
		return 1;
	}

	/**
	 * The last lines the service wrote (after its output has been read to the end, if it
	 * exited).
	 */
	public List<String> lastLines() {
		if (!this.process.isAlive()) {
			try {
				this.pump.join(Duration.ofSeconds(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			return List.copyOf(this.lastLines);
		}
	}

	public ServiceSpec spec() {
		return this.spec;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public OptionalInt exitCode() {
		return this.process.isAlive() ? OptionalInt.empty() : OptionalInt.of(this.process.exitValue());
	}

	/**
	 * SIGTERM (the service shuts down gracefully); SIGKILL if it is still there after
	 * {@code grace}.
	 */
	public void stop(Duration grace) {
		if (this.process.isAlive()) {
			Processes.stop(this.process.toHandle(), grace);
		}
	}

	/** Asks the service to stop without waiting (so several can shut down at once). */
	void requestStop() {
		if (this.process.isAlive()) {
			this.process.destroy();
		}
	}

	void killNow() {
		this.process.destroyForcibly();
	}

}
