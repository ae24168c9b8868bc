package io.storefront.launcher.replicas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.ChildCommand;
import io.storefront.launcher.process.ChildOutput;
import io.storefront.launcher.process.ChildProcess;

/**
 * A program {@code up} runs beside the services (HAProxy, PgBouncer): a child whose
 * output is appended to its log file, ready once it accepts connections on its ports,
 * stopped by SIGTERM (both exit at once on it).
 */
final class HelperProgram {

	private static final Duration START_LIMIT = Duration.ofSeconds(20);

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private static final int REASON_LINES = 5;

	private static final long POLL_MILLIS = 50;

	private HelperProgram() {
	}

	/**
	 * Starts {@code command} and waits until every one of {@code ports} on {@code host}
	 * accepts a connection; stops it and fails if it cannot.
	 * @param name what messages call it
	 */
	static ChildProcess start(String name, List<String> command, Path log, String host, List<Integer> ports) {
		ChildProcess program = ChildCommand.of(name, command)
			.stoppedWithin(STOP_GRACE)
			.start(ChildOutput.appendedTo(log));
		try {
			awaitListening(program, host, ports);
			return program;
		}
		catch (InterruptedException ex) {
			program.stop();
			Thread.currentThread().interrupt();
			throw new LauncherException("interrupted while waiting for a helper program to start");
		}
		catch (RuntimeException ex) {
			program.stop();
			throw ex;
		}
	}

	/** Why {@code up} stops when {@code program} exited while it ran. */
	static String exitedUnexpectedly(ChildProcess program) {
		return program.name() + " exited unexpectedly with code " + program.exitCode().orElse(-1)
				+ "; stopping the others" + program.tail(REASON_LINES) + " (log: " + program.log() + ")";
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
