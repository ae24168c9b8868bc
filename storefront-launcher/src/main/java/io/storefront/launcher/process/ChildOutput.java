package io.storefront.launcher.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Where a child's output (stdout and stderr as one stream) goes, and what of it is kept
 * to explain a failure. One per started child: a thread of the launcher reads that
 * child's output through a pipe until the child closes it. The launcher, not the child,
 * writes the log file: HAProxy resets the flags of its output ({@code F_SETFL
 * O_NONBLOCK}), which drops the append mode of a file it was given, so a restarted
 * HAProxy wrote over its log from the start.
 */
public abstract sealed class ChildOutput permits LogFileOutput, ShownOutput {

	/** How long reading what an exited child wrote last may take. */
	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

	/** Appended to {@code log} as the child writes it, never shown. */
	public static ChildOutput appendedTo(Path log) {
		return new LogFileOutput(log);
	}

	/**
	 * Each line kept in {@code log} as written, and shown on {@code console} after
	 * {@code prefix} as {@code format} makes it readable (one raw line may become
	 * several).
	 * @param appendToLog keep what {@code log} holds (an earlier run of the same child)
	 * instead of starting it afresh
	 */
	public static ChildOutput shown(Path log, boolean appendToLog, PrintStream console, String prefix,
			Function<String, List<String>> format) {
		return new ShownOutput(log, appendToLog, console, prefix, format);
	}

	private final Path log;

	private Process process;

	private Thread reader;

	ChildOutput(Path log) {
		this.log = log;
	}

	/** The file that keeps it. */
	final Path log() {
		return this.log;
	}

	/** Sends the output of the child {@code builder} starts to the launcher. */
	final void redirect(ProcessBuilder builder) throws IOException {
		Files.createDirectories(this.log.toAbsolutePath().getParent());
		builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
	}

	/** Starts reading the output of {@code process}, called {@code name}. */
	final void follow(Process process, String name) {
		this.process = process;
		this.reader = Thread.ofPlatform().name(name + "-output").daemon(true).start(() -> read(process));
	}

	private void read(Process process) {
		try (InputStream output = process.getInputStream()) {
			read(output);
		}
		catch (IOException ex) {
			// the process is gone; what it wrote so far is where it belongs
		}
	}

	/**
	 * Reads until the child closes its output. A log file that cannot be written is said
	 * or left alone, but the reading goes on: a child whose output is no longer read
	 * blocks in its next write once the pipe is full, and would hang.
	 */
	abstract void read(InputStream output) throws IOException;

	/**
	 * Once the child exited, waits (at most 2 s) until what it wrote last has been read
	 * and put where it belongs.
	 */
	final void awaitRead() {
		if (this.process == null || this.process.isAlive()) {
			return;
		}
		try {
			this.reader.join(DRAIN_LIMIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * At most {@code count} of the last lines it wrote, up to its very last once it
	 * exited.
	 */
	abstract List<String> lastLines(int count);

}
