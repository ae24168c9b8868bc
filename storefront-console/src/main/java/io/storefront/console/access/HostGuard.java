package io.storefront.console.access;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.storefront.problem.ProblemJson;

/**
 * Without an access token the console shows everything to whoever asks, which is fine for
 * the developer at {@code http://127.0.0.1:8000/} but not for a web page elsewhere that
 * rebinds its own name to that address (DNS rebinding): the developer's browser would let
 * it read the page. Such a page's requests carry its name in {@code Host}, so an open
 * console answers only requests addressed to an IP address or {@code localhost}; its own
 * probes, which tell nothing, answer any.
 */
@Component
class HostGuard extends OncePerRequestFilter {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final AccessGate gate;

	HostGuard(AccessGate gate) {
		this.gate = gate;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.gate.isProtected() || ProbeController.isProbe(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the header as sent: the server name may come from X-Forwarded-Host, which a
		// rebound page can send too
		String host = request.getHeader(HttpHeaders.HOST);
		if (host == null || isAddress(withoutPort(host))) {
			chain.doFilter(request, response);
			return;
		}
		ProblemJson.send(request, response, HttpStatus.FORBIDDEN,
				"without an access token the console answers only at an IP address or "
						+ "localhost; set STOREFRONT_CONSOLE_ACCESS_TOKEN to reach it by name");
	}

	static String withoutPort(String host) {
		int colon = host.lastIndexOf(':');
		return (colon > host.lastIndexOf(']')) ? host.substring(0, colon) : host;
	}

	/**
	 * {@code localhost}, an IPv4 address, or an IPv6 one (in brackets, as Host has it).
	 */
	static boolean isAddress(String host) {
		return host.equalsIgnoreCase("localhost") || IPV4.matcher(host).matches() || host.startsWith("[");
	}

}
