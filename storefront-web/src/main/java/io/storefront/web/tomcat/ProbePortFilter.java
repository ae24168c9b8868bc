package io.storefront.web.tomcat;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import io.storefront.problem.ProblemJson;
import io.storefront.web.limit.DeclaredBody;

/**
 * On the probe port ({@link ProbeConnector}) only the health probes answer, as they do on
 * the service's port, a body included; anything else is 404, or 413 unread when a body
 * follows, so the port is no way around the request limit of the service's own.
 */
public final class ProbePortFilter extends HttpFilter {

	private final int probePort;

	private final Set<String> paths;

	public ProbePortFilter(int probePort, Set<String> paths) {
		this.probePort = probePort;
		this.paths = Set.copyOf(paths);
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getLocalPort() != this.probePort || this.paths.contains(request.getRequestURI())) {
			// a probe's body is the probe filter's to judge, on either port: a chunked
			// one that ends empty is no body
			chain.doFilter(request, response);
			return;
		}
		if (DeclaredBody.follows(request)) {
			// as on the service's port: refused unread, and the connection closed at once
			ProblemJson.send(request, response, HttpStatus.CONTENT_TOO_LARGE, "this port takes no request body");
			return;
		}
		ProblemJson.send(request, response, HttpStatus.NOT_FOUND, "this port answers the health probes only: "
				+ String.join(", ", this.paths.stream().sorted().toList()));
	}

}
