package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a running process was started, as the kernel tells it ({@code /proc/<pid>/cmdline},
 * {@code environ}).
 */
final class ServiceCommandLine {

	private ServiceCommandLine() {
	}

	/** The executable and its arguments, exactly as given. */
	static List<String> of(long pid) throws IOException {
		return split(Path.of("/proc", Long.toString(pid), "cmdline"));
	}

	static Map<String, String> environment(long pid) throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : split(Path.of("/proc", Long.toString(pid), "environ"))) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	private static List<String> split(Path file) throws IOException {
		String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		return Arrays.stream(text.split("\0")).filter((part) -> !part.isEmpty()).toList();
	}

}
