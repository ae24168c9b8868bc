package io.storefront.launcher.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.ports.PortCheck;
import io.storefront.launcher.process.Processes;

/**
 * zonky's start (initdb on a new folder, pg_ctl, then its readiness probe, which logs in
 * as the superuser) on a thread of its own, so that {@code up} keeps acting on what
 * happens meanwhile: a stop requested (Ctrl-C, SIGTERM), or PostgreSQL's log saying its
 * port is taken after all, by a program that took it since {@code up} checked it (and may
 * never answer the probe). Either way what this start began is stopped before it returns.
 */
final class PostgresStart {

	private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);

	/**
	 * How long a stop waits for what this start began (an initdb halfway, pg_ctl waiting
	 * for the server) to end before it gives up on it.
	 */
	private static final Duration WIND_DOWN_LIMIT = Duration.ofSeconds(30);

	private final Path dataDirectory;

	private final int port;

	private final StartLog log;

	private final CompletableFuture<EmbeddedPostgres> started = new CompletableFuture<>();

	private Thread thread;

	private PostgresStart(Path dataDirectory, int port, StartLog log) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.log = log;
	}

	/**
	 * @return the running server, or empty when a stop was requested first (nothing of
	 * this start is left running then)
	 * @throws LauncherException when the port is taken or PostgreSQL did not start
	 */
	static Optional<EmbeddedPostgres> run(EmbeddedPostgres.Builder builder, Path dataDirectory, int port, Path log,
			BooleanSupplier stopRequested) {
		// zonky's first start in a JVM detects the Linux distribution and whether root
		// may run initdb through unshare, once, and drops an interrupt that comes
		// meanwhile: a stop would be lost, and a wrong answer kept for the JVM. Here, on
		// the caller's thread, no stop interrupts it.
		LinuxUtils.getDistributionName();
		PostgresStart start = new PostgresStart(dataDirectory, port, StartLog.from(log));
		start.begin(builder);
		return start.watch(stopRequested);
	}

	private void begin(EmbeddedPostgres.Builder builder) {
		this.thread = Thread.ofPlatform().daemon().name("postgres-start").start(() -> {
			try {
				this.started.complete(builder.start());
			}
			catch (Throwable ex) {
				this.started.completeExceptionally(ex);
			}
		});
	}

	private Optional<EmbeddedPostgres> watch(BooleanSupplier stopRequested) {
		while (true) {
			try {
				EmbeddedPostgres postgres = this.started.get(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
				if (this.log.saysPortTaken()) {
					throw abandon(portTaken());
				}
				return Optional.of(postgres);
			}
			catch (TimeoutException ex) {
				// still starting
			}
			catch (ExecutionException ex) {
				if (stopRequested.getAsBoolean()) {
					// Ctrl-C reaches zonky's initdb and pg_ctl too (they share the
					// launcher's process group), which then fail: that is the stop, not a
					// failure to start
					abandon(null);
					return Optional.empty();
				}
				throw abandon(this.log.saysPortTaken() ? portTaken() : didNotStart(reason(ex.getCause())));
			}
			catch (InterruptedException ex) {
				abandon(null);
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			if (this.log.saysPortTaken()) {
				throw abandon(portTaken());
			}
			if (this.log.saysServerExited()) {
				throw abandon(didNotStart("it exited during its start"));
			}
			if (stopRequested.getAsBoolean()) {
				abandon(null);
				return Optional.empty();
			}
		}
	}

	/**
	 * Stops what this start began: zonky's wait is interrupted (a probe stuck on a silent
	 * socket ends at its timeout), an initdb halfway is let finish (so the folder is
	 * whole, and its password file is still there while it reads it), pg_ctl is let see
	 * its server up or gone, and the server is shut down, fast.
	 * @return {@code failure}, to throw
	 */
	private LauncherException abandon(LauncherException failure) {
		this.started.thenAccept(PostgresStart::closeQuietly);
		long deadline = System.nanoTime() + WIND_DOWN_LIMIT.toNanos();
		while (true) {
			// on every round, not once: an interrupt dropped on the way (as zonky's Linux
			// detection does) would let the start go on to initdb and a server
			this.thread.interrupt();
			// asked before the sweep: a server pg_ctl starts after it would be left
			// running
			boolean startEnded = !this.thread.isAlive() && ownHelpers().isEmpty();
			Postmaster.running(this.dataDirectory).ifPresent(Postmaster::fastShutdown);
			if (startEnded || System.nanoTime() > deadline) {
				return failure;
			}
			try {
				Thread.sleep(WATCH_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return failure;
			}
		}
	}

	/** The initdb or pg_ctl zonky started for this data folder, while they run. */
	private List<ProcessHandle> ownHelpers() {
		String folder = this.dataDirectory.toString();
		return ProcessHandle.current().children().filter((child) -> {
			String commandLine = Processes.commandLine(child);
			return (commandLine.contains("initdb") || commandLine.contains("pg_ctl")) && commandLine.contains(folder);
		}).toList();
	}

	private LauncherException portTaken() {
		return PortCheck.taken(this.port, PortCheck.POSTGRESQL);
	}

	/** The failure's message, or its kind where it has none. */
	private static String reason(Throwable failure) {
		return Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getName());
	}

	private LauncherException didNotStart(String why) {
		return new LauncherException("PostgreSQL did not start (" + why + "); last lines of " + this.log.file() + ":\n"
				+ String.join("\n", this.log.lastLines(15)));
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the postmaster is shut down by PID as well
		}
	}

}
