package io.storefront.db.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A PostgreSQL URL in any of the forms the contract accepts:
 * {@code postgresql+asyncpg://}, {@code postgresql://}, {@code postgres://} and
 * {@code jdbc:postgresql://}. User and password are percent-decoded (and may also come as
 * {@code user}/{@code password} query parameters, as JDBC URLs often carry them); every
 * other query parameter is kept, in order, for the driver.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
		Map<String, String> parameters) {

	private static final int DEFAULT_PORT = 5432;

	/**
	 * Messages about a URL never quote any part of it: with an unencoded password, any
	 * part may be a piece of the password.
	 */
	private static final String PERCENT_ENCODING_HINT = " (user names and passwords containing '/', '?', '@' or"
			+ " '%' must be percent-encoded: %2F, %3F, %40, %25)";

	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

	private static final String[] SCHEMES = { "jdbc:postgresql://", "postgresql+asyncpg://", "postgresql://",
			"postgres://" };

	public DatabaseUrl {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Parses {@code raw}; the message of the exception says what is wrong but never
	 * repeats the URL, which may hold a password.
	 * @throws InvalidSettingException naming {@code variable}
	 */
	public static DatabaseUrl parse(String variable, String raw) {
		String rest = stripScheme(variable, raw.trim());
		int pathStart = indexOfAny(rest, '/', '?');
		String authority = (pathStart < 0) ? rest : rest.substring(0, pathStart);
		String afterAuthority = (pathStart < 0) ? "" : rest.substring(pathStart);

		String user = null;
		String password = null;
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			authority = authority.substring(at + 1);
			int colon = userInfo.indexOf(':');
			user = decode(variable, (colon < 0) ? userInfo : userInfo.substring(0, colon), "user name");
			password = (colon < 0) ? null : decode(variable, userInfo.substring(colon + 1), "password");
		}
		// 'u:x@/y@h/db': an unencoded '@' and '/' in the password leave no host before
		// the '/'
		String noHostHint = (rest.indexOf('@') >= 0) ? PERCENT_ENCODING_HINT : "";
		HostAndPort hostAndPort = HostAndPort.parse(variable, authority, at >= 0, noHostHint);

		int queryStart = afterAuthority.indexOf('?');
		String path = (queryStart < 0) ? afterAuthority : afterAuthority.substring(0, queryStart);
		String query = (queryStart < 0) ? "" : afterAuthority.substring(queryStart + 1);
		if (afterAuthority.indexOf('@') >= 0) {
			// Most likely a password with an unencoded '/' or '?' that cut the URL short:
			// what looked like the host was part of it. An '@' in a parameter is written
			// %40.
			throw new InvalidSettingException(variable, "has an '@' after the host" + PERCENT_ENCODING_HINT);
		}
		String database = path.startsWith("/") ? decode(variable, path.substring(1), "database name") : "";
		if (database.isEmpty()) {
			throw new InvalidSettingException(variable, "has no database name (expected …/<database> after the host)");
		}
		if (database.contains("/")) {
			throw new InvalidSettingException(variable, "has a database name with a '/' in it");
		}

		Map<String, String> parameters = parseQuery(variable, query);
		String queryUser = parameters.remove("user");
		String queryPassword = parameters.remove("password");
		DriverParameters.check(variable, parameters);
		user = (user != null && !user.isEmpty()) ? user : queryUser;
		password = (password != null) ? password : queryPassword;
		return new DatabaseUrl(hostAndPort.host(), hostAndPort.port(), database, emptyToNull(user), password,
				parameters);
	}

	/**
	 * Whether {@code host} is one the driver could connect to: a name or IPv4 address
	 * (letters, digits, '-', '.' and '_'), or an IPv6 address in brackets.
	 */
	static boolean isHost(String host) {
		if (host.startsWith("[") && host.endsWith("]")) {
			return IPV6_ADDRESS.matcher(host.substring(1, host.length() - 1)).matches();
		}
		return HOST_NAME.matcher(host).matches();
	}

	@Override
	public String toString() {
		return "DatabaseUrl[" + ((this.user != null) ? this.user + ":******@" : "") + this.host + ":" + this.port + "/"
				+ this.database + " " + this.parameters.keySet() + "]";
	}

	private static String stripScheme(String variable, String raw) {
		for (String scheme : SCHEMES) {
			if (raw.regionMatches(true, 0, scheme, 0, scheme.length())) {
				return raw.substring(scheme.length());
			}
		}
		throw new InvalidSettingException(variable,
				"is not a PostgreSQL URL (expected postgresql://, postgres://, postgresql+asyncpg:// or jdbc:postgresql://)");
	}

	private static Map<String, String> parseQuery(String variable, String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode(variable, (equals < 0) ? pair : pair.substring(0, equals), "query parameter name");
			String value = (equals < 0) ? "" : decode(variable, pair.substring(equals + 1), "query parameter value");
			if (key.isEmpty()) {
				throw new InvalidSettingException(variable, "has a query parameter without a name");
			}
			parameters.put(key, value);
		}
		return parameters;
	}

	/** Percent-decoding as in RFC 3986: unlike form decoding, '+' stays a plus sign. */
	static String decode(String variable, String text, String what) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					throw new InvalidSettingException(variable, "has a malformed percent-escape in its " + what);
				}
				bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static int indexOfAny(String text, char first, char second) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == first || c == second) {
				return i;
			}
		}
		return -1;
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	private record HostAndPort(String host, int port) {

		/**
		 * @param noHostHint what to add to "has no host name"
		 */
		static HostAndPort parse(String variable, String authority, boolean hadUserInfo, String noHostHint) {
			if (authority.isEmpty()) {
				throw new InvalidSettingException(variable, "has no host name" + noHostHint);
			}
			if (authority.contains(",")) {
				throw new InvalidSettingException(variable, "names several hosts; give exactly one");
			}
			String host;
			String portText = null;
			if (authority.startsWith("[")) {
				int close = authority.indexOf(']');
				if (close < 0) {
					throw new InvalidSettingException(variable, "has an IPv6 host without a closing ']'");
				}
				host = authority.substring(0, close + 1);
				String tail = authority.substring(close + 1);
				if (!tail.isEmpty()) {
					if (!tail.startsWith(":")) {
						throw new InvalidSettingException(variable, "has text after the IPv6 host");
					}
					portText = tail.substring(1);
				}
			}
			else {
				int colon = authority.lastIndexOf(':');
				host = (colon < 0) ? authority : authority.substring(0, colon);
				portText = (colon < 0) ? null : authority.substring(colon + 1);
			}
			if (host.isEmpty()) {
				throw new InvalidSettingException(variable, "has no host name" + noHostHint);
			}
			if (!isHost(host)) {
				String hint = hadUserInfo ? "" : PERCENT_ENCODING_HINT;
				throw new InvalidSettingException(variable,
						host.startsWith("[") ? "has an IPv6 host that is not an IPv6 address" + hint
								: "has a host name with characters no host name has (only letters, digits, '-', '.'"
										+ " and '_'; an IPv6 address goes in brackets)" + hint);
			}
			int port = (portText == null || portText.isEmpty()) ? DEFAULT_PORT : port(variable, portText, hadUserInfo);
			return new HostAndPort(host, port);
		}

		private static int port(String variable, String text, boolean hadUserInfo) {
			int port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : 0;
			if (port < 1 || port > 65535) {
				throw new InvalidSettingException(variable,
						"has a port that is not a number from 1 to 65535" + (hadUserInfo ? "" : PERCENT_ENCODING_HINT));
			}
			return port;
		}

	}

}
