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
	 * line.
	 */
	public static ServiceTarget parse(String entry) {
		int equals = entry.indexOf('=');
		if (equals <= 0 || equals == entry.length() - 1) {
			throw new IllegalArgumentException("'" + entry + "' is not name=url");
		}
		String name = entry.substring(0, equals).strip();
		String url = entry.substring(equals + 1).strip();
		if (!name.matches("[A-Za-z0-9._-]+")) {
			throw new IllegalArgumentException(
					"service name '" + name + "' may use only letters, digits, '.', '_' and '-'");
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
		// not be paths; credentials would show on the page and in the history.
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"'" + url + "' may not have a query (?…), a fragment (#…) or credentials (user@)");
		}
		return new ServiceTarget(name, uri);
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
