package io.storefront.launcher.services;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.storefront.launcher.process.ChildCommand;
import io.storefront.launcher.process.ChildOutput;
import io.storefront.launcher.process.ChildProcess;

/**
 * One service running as a child process ({@code java <flags> -jar}). Its output is shown
 * with the service's name in front (JSON log lines made readable), kept whole in its log
 * file, and its last lines are remembered to explain a failure.
 *
 * @param child the process it runs in: its PID, whether and how it exited, its stop
 */
public record ServiceProcess(ServiceSpec spec, ChildProcess child) {

	/** How many of its last lines a failure report shows. */
	private static final int REPORTED_LINES = 40;

	/**
	 * @param stopGrace how long its {@linkplain ChildProcess#stop() stop} lets it shut
	 * down after SIGTERM
	 */
	public static ServiceProcess start(ServiceSpec spec, Path javaHome, Path workingDirectory, Duration stopGrace,
			PrintStream console, String prefix) {
		return start(spec, javaHome, workingDirectory, stopGrace, console, prefix, false);
	}

	/**
	 * @param appendToLog keep what the log holds (a restarted service's earlier run),
	 * instead of starting it afresh
	 */
	static ServiceProcess start(ServiceSpec spec, Path javaHome, Path workingDirectory, Duration stopGrace,
			PrintStream console, String prefix, boolean appendToLog) {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		// the flags on the command line, so that /proc/<pid>/cmdline says exactly how it
		// was started
		command.addAll(spec.javaArguments());
		ChildProcess child = ChildCommand.of(spec.label(), command)
			.in(workingDirectory)
			.withEnvironment(spec.environment())
			.stoppedWithin(stopGrace)
			.start(ChildOutput.shown(spec.log(), appendToLog, console, prefix, LogLine::format));
		return new ServiceProcess(spec, child);
	}

	/**
	 * Tells the terminal (stderr) that this service failed and why, with its last lines
	 * of output, as {@code up} does before stopping the others.
	 * @param what what happened, after the service's label
	 * @return 1, {@code up}'s exit status for a failure
	 */
	public int reportFailure(String what) {
		List<String> lines = lastLines();
		System.err.println("storefront up: " + this.spec.label() + what + "; stopping the others. "
				+ (lines.isEmpty() ? "It wrote nothing." : "Its last lines:"));
		lines.forEach((line) -> System.err.println("  " + line));
		return 1;
	}

	/**
	 * The last lines the service wrote (after its output has been read to the end, if it
	 * exited).
	 */
	public List<String> lastLines() {
		return this.child.lastLines(REPORTED_LINES);
	}

}
