package io.storefront.launcher.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./storefront up} run as a developer runs it, from the checkout's root, but on
 * its own state folder and ports so it never meets a developer's own {@code up}. Its
 * output is kept (and written to {@code target/e2e/}) to explain a failure.
 */
final class RunningStorefront {

	private final Process process;

	private final List<String> output = new ArrayList<>();

	private final Thread pump;

	private RunningStorefront(Process process, Path log) {
		this.process = process;
		this.pump = Thread.ofPlatform().daemon(true).start(() -> pump(log));
	}

	static RunningStorefront start(Path projectRoot, Map<String, String> environment, Path log) throws IOException {
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(projectRoot.resolve("storefront").toString(), "up")
			.directory(projectRoot.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().putAll(environment);
		return new RunningStorefront(builder.start(), log);
	}

	/**
	 * Waits for the launcher's summary; fails with its output if it exits first or takes
	 * too long.
	 */
	void awaitUp(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (outputContains("Storefront is up.")) {
				return;
			}
			if (!this.process.isAlive()) {
				this.pump.join(2000);
				throw new AssertionError(
						"./storefront up exited with " + this.process.exitValue() + " before it was up:\n" + tail(60));
			}
			Thread.sleep(250);
		}
		throw new AssertionError("./storefront up was not up within " + limit.toSeconds() + " s:\n" + tail(60));
	}

	/**
	 * SIGTERM, as a process manager (or {@code kill}) would send; returns the exit
	 * status.
	 */
	int terminate(Duration limit) throws InterruptedException {
		// Through the handle: Process.destroy() would also close our end of its output,
		// losing the last lines.
		this.process.toHandle().destroy();
		if (!this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("./storefront up did not stop within " + limit.toSeconds() + " s:\n" + tail(40));
		}
		this.pump.join(2000);
		return this.process.exitValue();
	}

	/** SIGINT, as Ctrl-C in a terminal sends; returns the exit status. */
	int interrupt(Duration limit) throws InterruptedException, IOException {
		return signal("INT", limit);
	}

	/**
	 * Sends the signal named ({@code INT}, {@code HUP}, …); returns the exit status.
	 */
	int signal(String name, Duration limit) throws InterruptedException, IOException {
		int kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO()
			.start()
			.waitFor();
		if (kill != 0) {
			throw new AssertionError("kill -" + name + " " + this.process.pid() + " failed with " + kill);
		}
		return awaitExit(limit);
	}

	/** Waits for it to exit by itself; returns the exit status. */
	int awaitExit(Duration limit) throws InterruptedException {
		if (!this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
			kill();
			throw new AssertionError("./storefront up did not exit within " + limit.toSeconds() + " s:\n" + tail(40));
		}
		this.pump.join(2000);
		return this.process.exitValue();
	}

	/**
	 * Stops it however it can: SIGTERM first (so it stops its services and PostgreSQL),
	 * SIGKILL if that fails.
	 */
	void kill() {
		this.process.toHandle().destroy();
		try {
			if (this.process.waitFor(60, TimeUnit.SECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.destroyForcibly();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	synchronized boolean outputContains(String text) {
		return this.output.stream().anyMatch((line) -> line.contains(text));
	}

	/** The first line of its output that contains {@code text}. */
	synchronized java.util.Optional<String> lineContaining(String text) {
		return this.output.stream().filter((line) -> line.contains(text)).findFirst();
	}

	synchronized String tail(int lines) {
		return String.join("\n", this.output.subList(Math.max(0, this.output.size() - lines), this.output.size()));
	}

	private void pump(Path log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this) {
					this.output.add(line);
				}
				file.write(line + "\n");
				file.flush();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
