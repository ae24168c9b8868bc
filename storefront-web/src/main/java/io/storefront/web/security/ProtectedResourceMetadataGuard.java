package io.storefront.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.storefront.problem.ProblemJson;
import io.storefront.problem.Problems;

/**
 * Answers the protected resource metadata with the 404 of an unknown route when the
 * service cannot tell its own identifier for the request
 * ({@link ProtectedResourceIdentifier}): Spring Security's metadata would name whatever
 * host the request's {@code Host} header does.
 */
class ProtectedResourceMetadataGuard extends OncePerRequestFilter {

	private static final RequestMatcher METADATA = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.GET, ProtectedResourceIdentifier.METADATA_PATH + "/**");

	private final ProtectedResourceIdentifier identifier;

	ProtectedResourceMetadataGuard(ProtectedResourceIdentifier identifier) {
		this.identifier = identifier;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (METADATA.matches(request) && this.identifier.of(request) == null) {
			ProblemJson.send(request, response, HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE);
			return;
		}
		chain.doFilter(request, response);
	}

}
