package io.storefront.web.security;

import java.util.Arrays;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the bearer token (JWT) of a request, except on the open operational paths: there
 * a bearer token is not a JWT to verify — {@code /health/detailed} takes
 * {@code HEALTH_DETAILS_TOKEN} as one — and a request needs none.
 */
final class OpenPathsBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();

	private final RequestMatcher openPaths;

	OpenPathsBearerTokenResolver(String... openPaths) {
		this.openPaths = new OrRequestMatcher(Arrays.stream(openPaths)
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
			.toList());
	}

	/**
	 * Refuses a request with more than one {@code Authorization} header (400): Spring
	 * would read the first, a proxy in front might check the last, and the service would
	 * act for a caller other than the one checked.
	 */
	@Override
	public String resolve(HttpServletRequest request) {
		if (this.openPaths.matches(request)) {
			return null;
		}
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers != null && headers.hasMoreElements()) {
			headers.nextElement();
			if (headers.hasMoreElements()) {
				throw new OAuth2AuthenticationException(
						BearerTokenErrors.invalidRequest("the request has more than one Authorization header"));
			}
		}
		return this.tokens.resolve(request);
	}

}
