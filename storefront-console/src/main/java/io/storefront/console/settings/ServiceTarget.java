package io.storefront.console.settings;

import java.net.URI;

/**
 * One service instance to watch: a service's name and the base URL of one of its
 * replicas.
 *
 * @param name the service's name, as in {@code cart-service}; replicas share it
 * @param baseUrl where its {@code /health} is found, without a trailing slash
 */
public record ServiceTarget(String name, URI baseUrl) {

	/**
	 * Parses {@code name=url}; the message of the exception says what is wrong, in one
	 * line, and never quotes the credentials a URL may carry ({@code user:password@}).
	 */
	public static ServiceTarget parse(String entry) {
		int equals = entry.indexOf('=');
		if (equals <= 0 || equals == entry.length() - 1) {
			throw new IllegalArgumentException("'" + withoutCredentials(entry) + "' is not name=url");
		}
		String name = entry.substring(0, equals).strip();
		String url = entry.substring(equals + 1).strip();
		String shown = withoutCredentials(url);
		if (!name.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException(
					"service name '" + withoutCredentials(name) + "' may use only letters, digits, '.', '_' and '-'");
		}
		// Credentials would show on the page and in the history, and the console sends
		// none: refused first, so that no other message has to say more of the URL.
		if (!shown.equals(url)) {
			throw new IllegalArgumentException(
					"the URL of service '" + name + "' may not have credentials (user:password@): '" + shown + "'");
		}
		URI uri;
		try {
			uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + url + "' is not a URL");
		}
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL with a host");
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			throw new IllegalArgumentException("'" + url + "' names a port outside 1 to 65535");
		}
		// The paths are added to the URL's text: after a query or a fragment they would
		// not be paths.
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("'" + url + "' may not have a query (?…) or a fragment (#…)");
		}
		return new ServiceTarget(name, uri);
	}

	/**
	 * {@code url} with what stands between the scheme and its last {@code @} said as
	 * {@code …}; whether or not the rest is a valid URL. Up to the last {@code @} of the
	 * whole text, not of the authority: a password may hold a {@code /}, {@code ?} or
	 * {@code #} that would seem to end the authority before it.
	 */
	static String withoutCredentials(String url) {
		int scheme = url.indexOf("://");
		int start = (scheme >= 0) ? scheme + 3 : 0;
		int at = url.lastIndexOf('@');
		return (at < start) ? url : url.substring(0, start) + "…" + url.substring(at);
	}

	/** Stable across restarts of the console: the key of this target's history. */
	public String key() {
		return this.name + "@" + this.baseUrl;
	}

	/**
	 * What the page shows for it: the name, and the address when replicas need telling
	 * apart.
	 */
	public String address() {
		return this.baseUrl.getHost() + ":" + ((this.baseUrl.getPort() != -1) ? this.baseUrl.getPort()
				: ("https".equals(this.baseUrl.getScheme()) ? 443 : 80));
	}

	public URI resolve(String path) {
		return URI.create(this.baseUrl + path);
	}

}
