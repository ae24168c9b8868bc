package io.storefront.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import io.storefront.db.testing.FreePorts;

/**
 * The sample service as an operator runs it: its own JVM, configured only by environment
 * variables, judged by its exit code and what it prints.
 */
public final class SampleServiceProcess {

	private static final List<String> CONTRACT_PREFIXES = List.of("DATABASE_", "STOREFRONT_", "SPRING_", "SERVER_",
			"LOGGING_", "HEALTH_", "AUTH_", "PRODUCT_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private SampleServiceProcess() {
	}

	/**
	 * Runs auth-service with exactly {@code environment} (plus a free {@code PORT} unless
	 * given) in {@code workingDirectory}, and waits for it to exit.
	 */
	public static Outcome run(Map<String, String> environment, Path workingDirectory, Duration timeout) {
		return start(environment, workingDirectory).awaitExit(timeout);
	}

	/**
	 * Starts auth-service as {@link #run} does, and returns at once: the caller ends it.
	 */
	public static Running start(Map<String, String> environment, Path workingDirectory) {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), SampleServiceApplication.class.getName(),
				"--storefront.service.name=auth-service")
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.keySet()
			.removeIf((name) -> name.equals("PORT") || name.equals("DEBUG")
					|| CONTRACT_PREFIXES.stream().anyMatch(name::startsWith));
		env.put("PORT", Integer.toString(FreePorts.any()));
		env.putAll(environment);
		try {
			long started = System.nanoTime();
			Process process = builder.start();
			process.getOutputStream().close();
			return new Running(process, portOf(env.get("PORT")), started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port the service was told to listen on; -1 for a value it will refuse (the
	 * bad-value tests).
	 */
	private static int portOf(String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * A service process still running: its port, the lines it printed so far, and its
	 * end. Closing kills it.
	 */
	public static final class Running implements AutoCloseable {

		private final Process process;

		private final int port;

		private final long started;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private final CompletableFuture<Void> output;

		Running(Process process, int port, long started) {
			this.process = process;
			this.port = port;
			this.started = started;
			// Its own thread: a service that fills the pipe while nobody reads it would
			// block on its logging.
			this.output = new CompletableFuture<>();
			Thread.ofPlatform().daemon().name("service-output-" + process.pid()).start(() -> {
				readLines();
				this.output.complete(null);
			});
		}

		public HttpProbe http() {
			return new HttpProbe(this.port);
		}

		/** Every line printed so far. */
		public List<String> lines() {
			return List.copyOf(this.lines);
		}

		/** SIGTERM, as a process manager or Kubernetes stops a service. */
		public void terminate() {
			// Through the handle: Process.destroy() would also close the pipe, losing
			// what the service prints
			// while it stops.
			this.process.toHandle().destroy();
		}

		/**
		 * Waits for the process to exit by itself; kills it and fails if it does not
		 * within {@code timeout}.
		 */
		public Outcome awaitExit(Duration timeout) {
			try {
				if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.destroyForcibly().waitFor();
					this.output.join();
					throw new AssertionError("the service did not exit within " + timeout + "; it printed:\n"
							+ String.join("\n", this.lines));
				}
				Duration elapsed = Duration.ofNanos(System.nanoTime() - this.started);
				this.output.join();
				return new Outcome(this.process.exitValue(), List.copyOf(this.lines), elapsed);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private void readLines() {
			try (BufferedReader stdout = this.process.inputReader(StandardCharsets.UTF_8)) {
				stdout.lines().forEach(this.lines::add);
			}
			catch (IOException | UncheckedIOException ex) {
				// the process is gone; what it printed is kept
			}
		}

		@Override
		public void close() {
			if (this.process.isAlive()) {
				this.process.destroyForcibly();
			}
		}

	}

	/**
	 * What the process left behind: its exit code, every line it printed, how long it
	 * ran.
	 */
	public record Outcome(int exitCode, List<String> lines, Duration elapsed) {

		/**
		 * Log lines at {@code level} (structured JSON); lines that are not JSON are never
		 * log lines.
		 */
		public List<JsonNode> logLines(String level) {
			return this.lines.stream()
				.filter((line) -> line.startsWith("{"))
				.map(HttpProbe::json)
				.filter((line) -> level.equals(line.path("level").asString()))
				.toList();
		}

		public List<String> messages(String level) {
			return logLines(level).stream().map((line) -> line.path("message").asString()).toList();
		}

		public String output() {
			return String.join("\n", this.lines);
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + " after " + this.elapsed.toMillis() + " ms:\n" + output();
		}

	}

}
