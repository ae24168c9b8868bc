package io.storefront.apiclient;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code ./storefront up} started from the checkout with the jars the build has just
 * packaged, on a state folder and ports of its own, without the start-up cache (training
 * it would only slow this test down). Its output goes to
 * {@code target/storefront-up.log}.
 */
final class Storefront implements AutoCloseable {

	/**
	 * Ports are chosen below Linux's ephemeral range (32768 up): one found free there can
	 * be taken by some client's outgoing connection before the service binds it, as a CI
	 * run saw.
	 */
	private static final int BELOW_EPHEMERAL = 32_768;

	private static final int LOWEST_PORT = 10_000;

	private final Process process;

	private final Path log;

	private final int basePort;

	private Storefront(Process process, Path log, int basePort) {
		this.process = process;
		this.log = log;
		this.basePort = basePort;
	}

	static Storefront up(Path state) throws IOException {
		Path root = projectRoot();
		int basePort = freeBasePort();
		int postgresPort = basePort + 4;
		Path log = Path.of("target", "storefront-up.log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(root.resolve("storefront").toString(), "up")
			.directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment()
			.putAll(Map.of("STOREFRONT_SKIP_BUILD", "1", "STOREFRONT_STATE_DIR", state.toString(), "STOREFRONT_PG_PORT",
					Integer.toString(postgresPort), "STOREFRONT_BASE_PORT", Integer.toString(basePort),
					"STOREFRONT_AOT_CACHE", "off", "STOREFRONT_CONSOLE", "off"));
		return new Storefront(builder.start(), log, basePort);
	}

	String url(int offset) {
		return "http://localhost:" + (this.basePort + offset);
	}

	/**
	 * Waits for the launcher's summary; fails with its output if it exits first or takes
	 * too long.
	 */
	void awaitUp(Duration limit) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.readString(this.log).contains("Storefront is up.")) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"./storefront up exited with " + this.process.exitValue() + ", see " + this.log);
			}
			Thread.sleep(250);
		}
		throw new AssertionError("./storefront up was not up within " + limit.toSeconds() + " s, see " + this.log);
	}

	/**
	 * SIGTERM, so the launcher stops its services and PostgreSQL; SIGKILL if that does
	 * not end it.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.toHandle().destroy();
		if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static Path projectRoot() {
		for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
			if (Files.isRegularFile(folder.resolve("storefront")) && Files.isDirectory(folder.resolve("docs/api"))) {
				return folder;
			}
		}
		throw new IllegalStateException("not inside the Storefront checkout");
	}

	/**
	 * A base whose next four ports are free too: the services listen on base+1, base+2
	 * and base+3, PostgreSQL on base+4.
	 */
	private static int freeBasePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(LOWEST_PORT, BELOW_EPHEMERAL - 4);
			if (IntStream.rangeClosed(base, base + 4).allMatch(Storefront::isFree)) {
				return base;
			}
		}
		throw new IllegalStateException("no five free ports in a row below " + BELOW_EPHEMERAL);
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
