package io.storefront.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's {@code pgbouncer} running on one configuration file: started, awaited until it
 * listens, stopped. PgBouncer refuses to run as root: run by root, it runs as the
 * {@code postgres} user, who is given the configuration's folder and files first. A
 * missing PgBouncer fails the test, saying how to install it.
 */
public final class PgBouncerProcess implements AutoCloseable {

	private static final List<Path> EXECUTABLES = List.of(Path.of("/usr/sbin/pgbouncer"),
			Path.of("/usr/bin/pgbouncer"));

	private static final String RUN_AS = "postgres";

	private static final Duration START_LIMIT = Duration.ofSeconds(20);

	/** What PgBouncer prints; its own log file, when the configuration names one, too. */
	private static final List<String> LOGS = List.of("output.log", "pgbouncer.log");

	private final Path ini;

	private final int port;

	private Process process;

	/**
	 * @param ini the configuration, alone in a folder of its own (see
	 * {@link #privateFolder()})
	 * @param port the port it has PgBouncer listen on
	 */
	public PgBouncerProcess(Path ini, int port) {
		executable();
		this.ini = ini;
		this.port = port;
	}

	/** Starts PgBouncer on {@code ini} and returns once it listens on {@code port}. */
	public static PgBouncerProcess start(Path ini, int port) {
		PgBouncerProcess pgbouncer = new PgBouncerProcess(ini, port);
		pgbouncer.start();
		return pgbouncer;
	}

	/** A new folder only its owner may enter, for one PgBouncer's files. */
	public static Path privateFolder() {
		try {
			Path folder = Files.createTempDirectory("storefront-test-pgbouncer");
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Removes a folder {@link #privateFolder()} made, whoever owns its files now. */
	public static void delete(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A leftover folder in the temp directory harms nobody.
		}
	}

	public synchronized void start() {
		if (this.process != null) {
			return;
		}
		try {
			List<String> command = new ArrayList<>();
			if (runByRoot()) {
				handOver(this.ini.getParent());
				command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
			}
			command.add(executable().toString());
			command.add(this.ini.toString());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.ini.resolveSibling(LOGS.get(0)).toFile()))
				.start();
			awaitListening();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PgBouncer did not start", ex);
		}
	}

	/**
	 * Stops PgBouncer at once (SIGTERM: its immediate shutdown), dropping every client
	 * and server connection.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				Process failed = this.process;
				this.process = null;
				throw new IllegalStateException(
						"PgBouncer exited at start (code " + failed.exitValue() + "): " + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					stop();
					throw new IllegalStateException("PgBouncer did not listen on " + this.port + " within "
							+ START_LIMIT.toSeconds() + " s: " + log());
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private String log() throws IOException {
		StringBuilder text = new StringBuilder();
		for (String name : LOGS) {
			Path file = this.ini.resolveSibling(name);
			if (Files.exists(file)) {
				text.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	private static Path executable() {
		return EXECUTABLES.stream()
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("PgBouncer is not installed (looked for "
					+ EXECUTABLES.stream().map(Path::toString).collect(Collectors.joining(", "))
					+ "); these tests run a real one: install Debian's package with"
					+ " `apt-get update && apt-get install -y pgbouncer` (.ci/run does)"));
	}

	private static boolean runByRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void handOver(Path folder) throws IOException {
		UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.toList()) {
				Files.setOwner(path, users.lookupPrincipalByName(RUN_AS));
				Files.getFileAttributeView(path, PosixFileAttributeView.class)
					.setGroup(users.lookupPrincipalByGroupName(RUN_AS));
			}
		}
	}

}
