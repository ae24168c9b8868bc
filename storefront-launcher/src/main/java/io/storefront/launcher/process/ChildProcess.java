package io.storefront.launcher.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program the launcher runs as a child: the services, the status console, their AOT
 * cache training runs, HAProxy and PgBouncer. Each runs in its own session, so that
 * Ctrl-C in the terminal reaches only the launcher, which then stops its children in
 * order; its input is empty, its output goes to its {@link ChildOutput}. It gets its
 * command's environment (or the launcher's), without libpq's {@code PG*} variables.
 *
 * <p>
 * A child still running when the launcher's JVM exits some other way than through
 * {@link #stop()} (an uncaught error, a SIGHUP) is killed, so none outlives it.
 */
public final class ChildProcess implements AutoCloseable {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	/** How often {@link #awaitExit(Duration, BooleanSupplier)} looks at its stop flag. */
	private static final long POLL_MILLIS = 200;

	private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(Thread.ofPlatform().unstarted(() -> List.copyOf(RUNNING).forEach(ChildProcess::kill)));
	}

	private final ChildCommand command;

	private final ChildOutput output;

	private final Process process;

	private ChildProcess(ChildCommand command, ChildOutput output) throws IOException {
		this.command = command;
		this.output = output;
		this.process = builder(command, output).start();
		output.follow(this.process, command.name());
	}

	static ChildProcess start(ChildCommand command, ChildOutput output) {
		try {
			ChildProcess child = new ChildProcess(command, output);
			RUNNING.add(child);
			child.process.onExit().thenRun(() -> RUNNING.remove(child));
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + command.name() + ": " + ex.getMessage(), ex);
		}
	}

	private static ProcessBuilder builder(ChildCommand command, ChildOutput output) throws IOException {
		List<String> full = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			full.add(SETSID.toString());
		}
		full.addAll(command.command());
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		if (command.environment() != null) {
			builder.environment().clear();
			builder.environment().putAll(command.environment());
		}
		builder.environment().keySet().removeIf(ChildProcess::isLibpqVariable);
		if (command.directory() != null) {
			Files.createDirectories(command.directory());
			builder.directory(command.directory().toFile());
		}
		output.redirect(builder);
		return builder;
	}

	/**
	 * {@code PGPASSWORD}, {@code PGUSER}, {@code PGPASSFILE} and the rest of libpq's
	 * variables: {@code up} may be given the server's superuser login in them, and no
	 * child needs it (the services are given their own roles' URLs).
	 */
	private static boolean isLibpqVariable(String name) {
		return name.startsWith("PG");
	}

	public String name() {
		return this.command.name();
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

	/** The file that keeps its output. */
	public Path log() {
		return this.output.log();
	}

	/**
	 * At most {@code count} of the last lines it wrote (read to its end once it exited;
	 * from a log file, the non-blank ones).
	 */
	public List<String> lastLines(int count) {
		return this.output.lastLines(count);
	}

	/**
	 * The last lines it wrote on one line, as {@code ": a / b / c"}, or nothing when it
	 * wrote none: the end of a message saying why it failed.
	 */
	public String tail(int count) {
		List<String> lines = lastLines(count);
		return lines.isEmpty() ? "" : ": " + String.join(" / ", lines);
	}

	/**
	 * Waits until it exits by itself; kills it (with what it started) when {@code limit}
	 * is over, {@code stop} says so, or the waiting thread is interrupted.
	 */
	public Ending awaitExit(Duration limit, BooleanSupplier stop) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (this.process.isAlive()) {
			if (stop.getAsBoolean()) {
				kill();
				return Ending.STOPPED;
			}
			if (System.nanoTime() > deadline) {
				kill();
				return Ending.OVERRAN;
			}
			try {
				this.process.waitFor(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
						TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				kill();
				Thread.currentThread().interrupt();
				return Ending.INTERRUPTED;
			}
		}
		this.output.awaitRead();
		return Ending.EXITED;
	}

	/**
	 * SIGTERM (it shuts down as it sees fit), then SIGKILL if it is still there after its
	 * {@linkplain ChildCommand#stopGrace() grace period}; returns once it is gone.
	 */
	public void stop() {
		Processes.stop(this.process.toHandle(), this.command.stopGrace());
		awaitReaped();
	}

	/**
	 * Stops {@code children} side by side: SIGTERM to all, then SIGKILL to any still
	 * there after {@code grace}; returns once they are gone.
	 */
	public static void stopTogether(List<ChildProcess> children, Duration grace) {
		Processes.stop(children.stream().map((child) -> child.process.toHandle()).toList(), grace);
		children.forEach(ChildProcess::awaitReaped);
	}

	/**
	 * SIGKILL to it and whatever it started (JDK 25's AOT training forks the JVM that
	 * writes the cache), by PID; returns once it is gone.
	 */
	public void kill() {
		ProcessHandle handle = this.process.toHandle();
		List<ProcessHandle> descendants = handle.descendants().toList();
		handle.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		awaitReaped();
	}

	/**
	 * Waits (at most {@link Processes#KILL_WAIT}) until the {@link Process} itself knows
	 * it exited. Its handle's exit can be seen first: the JDK completes the handle's
	 * {@code onExit()} before it marks the {@code Process} exited, and in that window
	 * {@link #isAlive()} still says true and {@link #exitCode()} has no value.
	 */
	private void awaitReaped() {
		try {
			this.process.waitFor(Processes.KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.output.awaitRead();
	}

	/** {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	/** How {@link #awaitExit(Duration, BooleanSupplier)} ended. */
	public enum Ending {

		/** By itself: {@link #exitCode()} says how. */
		EXITED,

		/** Killed: it ran past its limit. */
		OVERRAN,

		/** Killed: a stop was asked for. */
		STOPPED,

		/** Killed: the waiting thread was interrupted. */
		INTERRUPTED

	}

}
