package io.storefront.console.access;

import java.io.IOException;
import java.util.Enumeration;

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
 * A protected console refuses (400) a request with more than one {@code Authorization}
 * header, as the services do: the console would check the first, a proxy in front might
 * have checked the last, and the two would disagree on who asked. An open console reads
 * no token, and its own probes read none either.
 */
@Component
class SingleAuthorizationHeader extends OncePerRequestFilter {

	static final String MORE_THAN_ONE = "the request has more than one Authorization header";

	private final AccessGate gate;

	SingleAuthorizationHeader(AccessGate gate) {
		this.gate = gate;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.gate.isProtected() || ProbeController.isProbe(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (moreThanOne(request.getHeaders(HttpHeaders.AUTHORIZATION))) {
			ProblemJson.send(request, response, HttpStatus.BAD_REQUEST, MORE_THAN_ONE);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean moreThanOne(Enumeration<String> headers) {
		if (headers == null || !headers.hasMoreElements()) {
			return false;
		}
		headers.nextElement();
		return headers.hasMoreElements();
	}

}
