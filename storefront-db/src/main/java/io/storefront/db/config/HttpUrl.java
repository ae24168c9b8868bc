package io.storefront.db.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The URL of another service ({@code AUTH_JWKS_URL}, {@code PRODUCT_SERVICE_URL}),
 * refused at start-up unless the JDK's HTTP clients could call it: an absolute http(s)
 * URL with a host name or address and, when given, a port from 1 to 65535. Credentials
 * and a fragment are refused too: neither client sends them, so they could only be a
 * mistake. Let through, such a URL fails every call, a 500 or 503 long after the start,
 * while {@code /health} says healthy.
 */
public final class HttpUrl {

	private static final Pattern PORT_DIGITS = Pattern.compile("[0-9]+");

	/** Whether the URL may have a query. */
	public enum Query {

		ALLOWED, REFUSED

	}

	private HttpUrl() {
	}

	/**
	 * Parses {@code text} (already trimmed); the message names {@code variable} and
	 * quotes the value unless it may hold credentials.
	 * @param example a usable value, for the message
	 * @throws InvalidSettingException naming {@code variable}
	 */
	public static URI parse(String variable, String text, String example, Query query) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw invalid(variable, text, "is not a valid URL");
		}
		if (uri.getRawUserInfo() != null
				|| (uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			throw new InvalidSettingException(variable, "must not contain credentials");
		}
		String scheme = uri.getScheme();
		if (uri.isOpaque() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw invalid(variable, text, "must be an http(s) URL such as " + example);
		}
		if (uri.getHost() == null) {
			throw invalid(variable, text,
					hasPortBeyondRange(uri.getRawAuthority()) ? "has a port that is not a number from 1 to 65535"
							: "has no host, or one that is not a valid host name or address, such as " + example);
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			throw invalid(variable, text, "has a port that is not a number from 1 to 65535");
		}
		if (uri.getRawFragment() != null) {
			throw invalid(variable, text, "must not have a fragment (#…)");
		}
		if (query == Query.REFUSED && uri.getRawQuery() != null) {
			throw invalid(variable, text, "must not have a query (?…)");
		}
		return uri;
	}

	/**
	 * {@link URI} reads an authority whose port does not fit an {@code int} as one
	 * without a host.
	 */
	private static boolean hasPortBeyondRange(String authority) {
		int colon = (authority != null) ? authority.lastIndexOf(':') : -1;
		if (colon <= 0 || authority.endsWith("]")) {
			return false;
		}
		String port = authority.substring(colon + 1);
		return PORT_DIGITS.matcher(port).matches() && (port.length() > 5 || Integer.parseInt(port) > 65535);
	}

	/** The value is not quoted when it may hold a password ({@code user:password@}). */
	private static InvalidSettingException invalid(String variable, String value, String problem) {
		return new InvalidSettingException(variable,
				(value.indexOf('@') < 0) ? problem + " (got \"" + value + "\")" : problem);
	}

}
