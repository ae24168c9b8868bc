package io.storefront.launcher.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Where a child's output (stdout and stderr as one stream) goes, and what of it is kept
 * to explain a failure. One per started child: it follows that child's output.
 */
public abstract sealed class ChildOutput permits LogFileOutput, ShownOutput {

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

	ChildOutput(Path log) {
		this.log = log;
	}

	/** The file that keeps it. */
	final Path log() {
		return this.log;
	}

	/** Sends the output of the child {@code builder} starts where it belongs. */
	final void redirect(ProcessBuilder builder) throws IOException {
		Files.createDirectories(this.log.toAbsolutePath().getParent());
		builder.redirectOutput(destination());
	}

	/** Where the child writes. */
	abstract ProcessBuilder.Redirect destination();

	/** Starts following the output of {@code process}, called {@code name}. */
	abstract void follow(Process process, String name);

	/**
	 * At most {@code count} of the last lines it wrote, up to its very last once it
	 * exited.
	 */
	abstract List<String> lastLines(int count);

}
