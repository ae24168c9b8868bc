package io.storefront.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * The sample service as an operator runs it: its own JVM, configured only by environment variables,
 * judged by its exit code and what it prints.
 */
public final class SampleServiceProcess {

	private static final List<String> CONTRACT_PREFIXES = List.of("DATABASE_", "STOREFRONT_", "SPRING_", "SERVER_",
			"LOGGING_", "HEALTH_", "AUTH_", "PRODUCT_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private SampleServiceProcess() {
	}

	/**
	 * Runs auth-service with exactly {@code environment} (plus a free {@code PORT} unless given) in
	 * {@code workingDirectory}, and waits for it to exit.
	 */
	public static Outcome run(Map<String, String> environment, Path workingDirectory, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), SampleServiceApplication.class.getName(),
				"--storefront.service.name=auth-service")
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.equals("PORT") || name.equals("DEBUG")
				|| CONTRACT_PREFIXES.stream().anyMatch(name::startsWith));
		env.put("PORT", Integer.toString(freePort()));
		env.putAll(environment);
		long started = System.nanoTime();
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				throw new AssertionError("the service did not exit within " + timeout + "; it printed:\n"
						+ output.join());
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			return new Outcome(process.exitValue(), output.join().lines().toList(), elapsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String readAll(Process process) {
		try (var stdout = process.getInputStream()) {
			return new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the process left behind: its exit code, every line it printed, how long it ran. */
	public record Outcome(int exitCode, List<String> lines, Duration elapsed) {

		/** Log lines at {@code level} (structured JSON); lines that are not JSON are never log lines. */
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
