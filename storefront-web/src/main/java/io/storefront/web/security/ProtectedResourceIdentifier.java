package io.storefront.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The service's own identifier as an OAuth protected resource (RFC 9728, section 3): the
 * configured {@code storefront.web.public-url}, or, without it, the address a request
 * reached the service at, but only when its {@code Host} is that address itself (the
 * address and port the connection came in on, or {@code localhost} on a loopback
 * connection). A {@code Host} the caller chose is never taken: it would point clients
 * following the metadata at a host of the caller's choosing.
 */
public class ProtectedResourceIdentifier {

	/** Where Spring Security publishes the metadata, below the identifier. */
	public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	private final String publicUrl;

	/**
	 * @param publicUrl the service's public base URL, without a trailing {@code /};
	 * {@code null} to take it from requests whose {@code Host} is the service's own
	 * address
	 */
	public ProtectedResourceIdentifier(String publicUrl) {
		this.publicUrl = publicUrl;
	}

	/** The configured public URL, or {@code null}. */
	public String configured() {
		return this.publicUrl;
	}

	/** The identifier for this request, or {@code null} when none can be told safely. */
	public String of(HttpServletRequest request) {
		if (this.publicUrl != null) {
			return this.publicUrl;
		}
		if (!namesTheServicesOwnAddress(request)) {
			return null;
		}
		return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
	}

	/** Where this request's client finds the metadata, or {@code null}. */
	public String metadataUrl(HttpServletRequest request) {
		String identifier = of(request);
		return (identifier != null) ? identifier + METADATA_PATH : null;
	}

	private static boolean namesTheServicesOwnAddress(HttpServletRequest request) {
		if (request.getServerPort() != request.getLocalPort()) {
			return false;
		}
		String host = request.getServerName();
		String local = request.getLocalAddr();
		if (host == null || local == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return isLoopback(local);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			return sameAddress(host.substring(1, host.length() - 1), local);
		}
		return host.equals(local);
	}

	/** Both are IP address literals here, so no name is looked up. */
	private static boolean sameAddress(String ipv6Literal, String local) {
		try {
			return local.indexOf(':') >= 0
					&& InetAddress.getByName(ipv6Literal).equals(InetAddress.getByName(local.replaceFirst("%.*", "")));
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean isLoopback(String localAddressLiteral) {
		try {
			return InetAddress.getByName(localAddressLiteral.replaceFirst("%.*", "")).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
