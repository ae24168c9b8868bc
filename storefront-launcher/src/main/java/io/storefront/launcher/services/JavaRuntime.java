package io.storefront.launcher.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.storefront.db.config.DotEnvFile;

/**
 * Which Java a JDK folder holds: from its {@code release} file, or else from
 * {@code java -version}.
 *
 * @param feature the feature release (21, 25, …)
 * @param version the full runtime version ({@code 25.0.3+9-LTS}), which tells one build
 * from another
 */
public record JavaRuntime(int feature, String version) {

	private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");

	private static final Pattern BUILD = Pattern.compile("\\(build ([^)]+)\\)");

	private static final Pattern FEATURE = Pattern.compile("^(\\d+)");

	/**
	 * The Java in {@code javaHome}, or empty if neither its release file nor
	 * {@code java -version} tell.
	 */
	public static Optional<JavaRuntime> of(Path javaHome) {
		Path release = javaHome.resolve("release");
		if (Files.isRegularFile(release)) {
			var entries = DotEnvFile.read(release);
			String version = unquote(entries.get("JAVA_VERSION"));
			Optional<JavaRuntime> runtime = parse(version, unquote(entries.get("JAVA_RUNTIME_VERSION")));
			if (runtime.isPresent()) {
				return runtime;
			}
		}
		return fromJavaVersion(javaHome.resolve("bin").resolve("java"));
	}

	/**
	 * From {@code JAVA_VERSION} ("25.0.3", "21", "1.8.0_402") and, when known, the
	 * runtime version.
	 */
	static Optional<JavaRuntime> parse(String version, String runtimeVersion) {
		if (version == null || version.isBlank()) {
			return Optional.empty();
		}
		String text = version.strip();
		if (text.startsWith("1.")) {
			text = text.substring(2);
		}
		Matcher digits = FEATURE.matcher(text);
		if (!digits.find()) {
			return Optional.empty();
		}
		String full = (runtimeVersion == null || runtimeVersion.isBlank()) ? version.strip() : runtimeVersion.strip();
		return Optional.of(new JavaRuntime(Integer.parseInt(digits.group(1)), full));
	}

	/** From the text {@code java -version} prints. */
	static Optional<JavaRuntime> parseVersionOutput(String output) {
		Matcher version = VERSION.matcher(output);
		if (!version.find()) {
			return Optional.empty();
		}
		Matcher build = BUILD.matcher(output);
		return parse(version.group(1), build.find() ? build.group(1) : null);
	}

	private static Optional<JavaRuntime> fromJavaVersion(Path java) {
		if (!Files.isExecutable(java)) {
			return Optional.empty();
		}
		try {
			Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return Optional.empty();
			}
			return parseVersionOutput(output);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static String unquote(String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			return text.substring(1, text.length() - 1);
		}
		return text;
	}

}
