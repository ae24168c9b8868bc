package io.storefront.db.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export} prefix,
 * {@code #} comments, single-quoted values taken literally, double-quoted values with
 * {@code \n}, {@code \"} and {@code \\} escapes (a comment may follow the closing quote).
 * Real environment variables win over the file; that precedence is decided by the caller.
 */
public final class DotEnvFile {

	/**
	 * Some Windows editors start a UTF-8 file with one; it is not part of the first key.
	 */
	private static final String BYTE_ORDER_MARK = "\uFEFF";

	private DotEnvFile() {
	}

	/**
	 * @throws InvalidSettingException naming the file and the line when it is not UTF-8
	 * text (a file saved as Latin-1, say)
	 */
	public static Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Map.of();
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		CharBuffer text = CharBuffer.allocate(bytes.length);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CoderResult result = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(in, text, true);
		if (result.isError()) {
			int line = 1;
			for (int i = 0; i < in.position(); i++) {
				line += (bytes[i] == '\n') ? 1 : 0;
			}
			throw new InvalidSettingException(file.toString(),
					"is not UTF-8 text (line " + line + "): save it as UTF-8");
		}
		return parse(text.flip().toString().lines().toList());
	}

	static Map<String, String> parse(List<String> lines) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines) {
			String trimmed = (line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line).strip();
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

	/**
	 * A quoted value ends at its closing quote (a comment may follow); an unquoted one at
	 * {@code " #"}.
	 */
	private static String unquote(String value) {
		if (value.startsWith("'")) {
			int close = value.indexOf('\'', 1);
			if (close > 0 && isEndOfValue(value.substring(close + 1))) {
				return value.substring(1, close);
			}
		}
		if (value.startsWith("\"")) {
			int close = closingDoubleQuote(value);
			if (close > 0 && isEndOfValue(value.substring(close + 1))) {
				return unescape(value.substring(1, close));
			}
		}
		int comment = value.indexOf(" #");
		return (comment >= 0) ? value.substring(0, comment).strip() : value;
	}

	private static int closingDoubleQuote(String value) {
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				return i;
			}
		}
		return -1;
	}

	private static boolean isEndOfValue(String rest) {
		String trimmed = rest.strip();
		return trimmed.isEmpty() || trimmed.startsWith("#");
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
