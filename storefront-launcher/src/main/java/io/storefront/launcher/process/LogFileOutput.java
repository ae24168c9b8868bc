package io.storefront.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child's output appended straight to its log file (the launcher does not read it as it
 * runs); its last non-blank lines are read back from that file.
 */
final class LogFileOutput extends ChildOutput {

	LogFileOutput(Path log) {
		super(log);
	}

	@Override
	ProcessBuilder.Redirect destination() {
		return ProcessBuilder.Redirect.appendTo(log().toFile());
	}

	@Override
	void follow(Process process, String name) {
		// the operating system writes it to the file
	}

	@Override
	List<String> lastLines(int count) {
		try {
			List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.toList();
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of();
		}
	}

}
