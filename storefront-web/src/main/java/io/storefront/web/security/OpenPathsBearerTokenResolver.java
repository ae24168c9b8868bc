package io.storefront.web.security;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

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

	@Override
	public String resolve(HttpServletRequest request) {
		return this.openPaths.matches(request) ? null : this.tokens.resolve(request);
	}

}
