package io.storefront.launcher.replicas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.ChildCommand;
import io.storefront.launcher.process.ChildOutput;
import io.storefront.launcher.process.ChildProcess;
import io.storefront.launcher.state.RunLock;

/**
 * A program {@code up} runs beside the services (HAProxy, PgBouncer): a child whose
 * output is appended to its log file, ready once it accepts connections on its ports,
 * stopped by SIGTERM (both exit at once on it). Neither holds state, so one that exits is
 * started again with the same command.
 *
 * <p>
 * Of the launcher's environment it gets only {@link #KEPT_VARIABLES}: neither program
 * reads any other, and the launcher's may hold tokens and passwords. PgBouncer also runs
 * as another user when the launcher is root, who could read them in its
 * {@code /proc/<pid>/environ}.
 */
final class HelperProgram implements Restartable, AutoCloseable {

	/** What finds programs and reads text: all the helpers need of the environment. */
	static final Set<String> KEPT_VARIABLES = Set.of("PATH", "LANG", "LC_ALL", "TZ");

	private static final Duration START_LIMIT = Duration.ofSeconds(20);

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private static final int REASON_LINES = 5;

	private static final long POLL_MILLIS = 50;

	private final String program;

	private final String marker;

	private final ChildCommand command;

	private final Path log;

	private final String host;

	private final List<Integer> ports;

	private ChildProcess child;

	private HelperProgram(String program, String marker, ChildCommand command, Path log, String host,
			List<Integer> ports) {
		this.program = program;
		this.marker = marker;
		this.command = command;
		this.log = log;
		this.host = host;
		this.ports = List.copyOf(ports);
	}

	/**
	 * Starts {@code command} and waits until every one of {@code ports} on {@code host}
	 * accepts a connection; stops it and fails if it cannot.
	 * @param program its name in the lock file ({@code pgbouncer})
	 * @param marker part of its command line that tells it from a reused PID
	 * @param name what messages call it
	 */
	static HelperProgram start(String program, String marker, String name, List<String> command, Path log, String host,
			List<Integer> ports) {
		HelperProgram helper = new HelperProgram(program, marker,
				ChildCommand.of(name, command).withEnvironment(kept(System.getenv())).stoppedWithin(STOP_GRACE), log,
				host, ports);
		helper.child = helper.launch();
		return helper;
	}

	static Map<String, String> kept(Map<String, String> environment) {
		Map<String, String> kept = new HashMap<>(environment);
		kept.keySet().retainAll(KEPT_VARIABLES);
		return kept;
	}

	@Override
	public String label() {
		return this.command.name();
	}

	@Override
	public String address() {
		return String.join(", ", this.ports.stream().map((port) -> this.host + ":" + port).toList());
	}

	@Override
	public ChildProcess child() {
		return this.child;
	}

	/**
	 * Starts the same command again without waiting for it to listen, so that the
	 * supervision goes on watching the other children (and a stop request) meanwhile.
	 */
	@Override
	public void startAgain() {
		if (this.child.isAlive()) {
			throw new IllegalStateException(label() + " is still running");
		}
		this.child = this.command.start(ChildOutput.appendedTo(this.log));
	}

	/** Ready while it runs and accepts connections on every one of its ports. */
	@Override
	public boolean isReady() {
		return this.child.isAlive() && this.ports.stream().allMatch((port) -> accepts(this.host, port));
	}

	@Override
	public void record(RunLock lock) {
		lock.recordHelper(this.program, this.child.pid(), this.marker);
	}

	/** Stops it (SIGTERM). */
	@Override
	public void close() {
		this.child.stop();
	}

	private ChildProcess launch() {
		ChildProcess started = this.command.start(ChildOutput.appendedTo(this.log));
		try {
			awaitListening(started, this.host, this.ports);
			return started;
		}
		catch (InterruptedException ex) {
			started.stop();
			Thread.currentThread().interrupt();
			throw new LauncherException("interrupted while waiting for a helper program to start");
		}
		catch (RuntimeException ex) {
			started.stop();
			throw ex;
		}
	}

	private static void awaitListening(ChildProcess program, String host, List<Integer> ports)
			throws InterruptedException {
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		for (int port : ports) {
			while (!accepts(host, port)) {
				if (!program.isAlive()) {
					throw new LauncherException(program.name() + " exited with code " + program.exitCode().orElse(-1)
							+ " at start" + program.tail(REASON_LINES) + " (log: " + program.log() + ")");
				}
				if (System.nanoTime() > deadline) {
					throw new LauncherException(program.name() + " did not listen on " + host + ":" + port + " within "
							+ START_LIMIT.toSeconds() + " s" + program.tail(REASON_LINES) + " (log: " + program.log()
							+ ")");
				}
				Thread.sleep(POLL_MILLIS);
			}
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

}
