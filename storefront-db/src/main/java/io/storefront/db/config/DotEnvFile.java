package io.storefront.db.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export} prefix, {@code #}
 * comments, single-quoted values taken literally, double-quoted values with {@code \n}, {@code \"} and
 * {@code \\} escapes. Real environment variables win over the file; that precedence is decided by the
 * caller.
 */
public final class DotEnvFile {

	private DotEnvFile() {
	}

	public static Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Map.of();
		}
		try {
			return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	static Map<String, String> parse(List<String> lines) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			if (trimmed.startsWith("export ")) {
				trimmed = trimmed.substring("export ".length()).strip();
			}
			int equals = trimmed.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = trimmed.substring(0, equals).strip();
			values.put(key, unquote(trimmed.substring(equals + 1).strip()));
		}
		return values;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
			return value.substring(1, value.length() - 1);
		}
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return unescape(value.substring(1, value.length() - 1));
		}
		int comment = value.indexOf(" #");
		return (comment >= 0) ? value.substring(0, comment).strip() : value;
	}

	private static String unescape(String value) {
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				result.append(switch (next) {
					case 'n' -> '\n';
					case 't' -> '\t';
					default -> next;
				});
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
