package io.storefront.web.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker, {@code promtool} (Debian's {@code prometheus} package), run
 * as an operator would: on rule files, rule tests, and a service's {@code /metrics} text.
 * It is taken from {@code PROMTOOL} or the {@code PATH}; without it the checks cannot
 * run, and say how to get it.
 */
public final class Promtool {

	public static final String MISSING = "promtool was not found: install Debian's prometheus package "
			+ "(apt-get install prometheus, as .ci/run does) or set PROMTOOL to its path";

	private Promtool() {
	}

	/** What promtool said and how it ended. */
	public record Outcome(int exitCode, String output) {

		public boolean passed() {
			return this.exitCode == 0;
		}

	}

	/**
	 * The problems {@code promtool check metrics} reports in {@code exposition}
	 * (Prometheus text format), one per line; none for text that parses and follows
	 * Prometheus's naming conventions.
	 */
	public static List<String> metricsProblems(String exposition) {
		Outcome outcome = run(exposition, "check", "metrics");
		if (outcome.passed()) {
			return List.of();
		}
		List<String> problems = outcome.output().lines().filter((line) -> !line.isBlank()).toList();
		return problems.isEmpty()
				? List.of("promtool check metrics failed (" + outcome.exitCode() + ") and said nothing") : problems;
	}

	/**
	 * Runs {@code promtool arguments…} with {@code input} on its standard input (none
	 * when null).
	 */
	public static Outcome run(String input, String... arguments) {
		Path promtool = locate().orElseThrow(() -> new IllegalStateException(MISSING));
		List<String> command = new ArrayList<>();
		command.add(promtool.toString());
		command.addAll(Arrays.asList(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput((input != null) ? ProcessBuilder.Redirect.PIPE
						: ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			if (input != null) {
				try (OutputStream stdin = process.getOutputStream()) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
			}
			return new Outcome(process.exitValue(), output.join());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + promtool + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + String.join(" ", command), ex);
		}
	}

	public static Optional<Path> locate() {
		String configured = System.getenv("PROMTOOL");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Arrays.stream(path.split(File.pathSeparator))
			.map((folder) -> Path.of(folder, "promtool"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String read(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
