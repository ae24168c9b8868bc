package io.storefront.cli.testing;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code pgbouncer} started from the files {@code db provision --pgbouncer}
 * wrote, as an operator would start it. PgBouncer refuses to run as root, so run by root
 * it runs as {@code postgres}, which then owns the folder and its files.
 */
public final class RunningPgBouncer implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of("/usr/sbin/pgbouncer");

	private static final String RUN_AS = "postgres";

	private final Path ini;

	private final int port;

	private final Path log;

	private Process process;

	private RunningPgBouncer(Path ini, int port) {
		this.ini = ini;
		this.port = port;
		this.log = ini.resolveSibling("output.log");
	}

	/**
	 * A private folder for PgBouncer's files that {@code postgres} may use when the tests
	 * run as root.
	 */
	public static Path folder() {
		try {
			Path folder = Files.createTempDirectory("storefront-cli-pgbouncer");
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RunningPgBouncer start(Path ini, int port) {
		if (!Files.isExecutable(EXECUTABLE)) {
			throw new IllegalStateException("PgBouncer is not installed at " + EXECUTABLE
					+ ": apt-get update && apt-get install -y pgbouncer (.ci/run does)");
		}
		RunningPgBouncer pgbouncer = new RunningPgBouncer(ini, port);
		pgbouncer.start();
		return pgbouncer;
	}

	public void start() {
		try {
			List<String> command = new ArrayList<>();
			if (runByRoot()) {
				handOver(this.ini.getParent());
				command.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + RUN_AS, "--init-groups", "--"));
			}
			command.add(EXECUTABLE.toString());
			command.add(this.ini.toString());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			awaitListening();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PgBouncer did not start", ex);
		}
	}

	public void stop() {
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
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	/** Removes a folder {@link #folder()} made, whoever owns its files now. */
	public static void delete(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a leftover folder in the temp directory harms nobody
		}
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("PgBouncer exited at start (code " + this.process.exitValue() + "): "
						+ Files.readString(this.log, StandardCharsets.UTF_8));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					stop();
					throw new IllegalStateException("PgBouncer did not listen on " + this.port + ": "
							+ Files.readString(this.log, StandardCharsets.UTF_8));
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
