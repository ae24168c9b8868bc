package io.storefront.launcher.services;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the services' one-JSON-object-per-line logs readable on a terminal:
 * {@code time LEVEL message}, the stack trace (if any) on the following lines. Anything
 * that is not such a JSON line passes through as it is.
 */
final class LogLine {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final int STACK_TRACE_LINES = 12;

	private LogLine() {
	}

	static List<String> format(String raw) {
		if (!raw.startsWith("{") || !raw.endsWith("}")) {
			return List.of(raw);
		}
		JsonNode line;
		try {
			line = JSON.readTree(raw);
		}
		catch (JacksonException ex) {
			return List.of(raw);
		}
		String message = line.path("message").asString(null);
		if (message == null) {
			return List.of(raw);
		}
		List<String> lines = new ArrayList<>();
		lines.add(time(line.path("@timestamp").asString("")) + " "
				+ String.format("%-5s", line.path("level").asString("")) + " " + message);
		String stackTrace = line.path("stack_trace").asString(null);
		if (stackTrace != null) {
			String[] trace = stackTrace.split("\\R");
			for (int i = 0; i < Math.min(trace.length, STACK_TRACE_LINES); i++) {
				lines.add("    " + trace[i].strip());
			}
			if (trace.length > STACK_TRACE_LINES) {
				lines.add("    … " + (trace.length - STACK_TRACE_LINES) + " more lines in the service's log file");
			}
		}
		return lines;
	}

	/** {@code 2025-01-02T10:11:12.345Z} → {@code 10:11:12.345}. */
	private static String time(String timestamp) {
		int t = timestamp.indexOf('T');
		if (t < 0) {
			return timestamp;
		}
		String time = timestamp.substring(t + 1);
		int end = 0;
		while (end < time.length()
				&& (Character.isDigit(time.charAt(end)) || time.charAt(end) == ':' || time.charAt(end) == '.')) {
			end++;
		}
		String clock = time.substring(0, end);
		return (clock.length() > 12) ? clock.substring(0, 12) : clock;
	}

}
