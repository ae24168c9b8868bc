package io.storefront.web.security;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the bearer token (JWT) of a request, except on the open operational paths: there
 * a bearer token is not a JWT to verify — {@code /health/detailed} takes
 * {@code HEALTH_DETAILS_TOKEN} as one — and a request needs none. On lenient paths a
 * token that does not verify is passed over as if none had been sent: auth's register,
 * login, refresh and logout are not about the access token, and a client that attaches
 * its expired one to every call must still be able to get a new one, or end its session.
 * A token not spelled canonically (see {@link CanonicalTokenSpelling}) is invalid before
 * any decoder or cache sees it.
 */
final class OpenPathsBearerTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver tokens = new SpacedBearerTokenResolver();

	private final RequestMatcher openPaths;

	private final RequestMatcher lenientPaths;

	private final JwtDecoder decoder;

	OpenPathsBearerTokenResolver(String[] openPaths, String[] lenientPaths, JwtDecoder decoder) {
		this.openPaths = matcher(openPaths);
		this.lenientPaths = (lenientPaths.length > 0) ? matcher(lenientPaths) : (request) -> false;
		this.decoder = decoder;
	}

	private static RequestMatcher matcher(String[] paths) {
		return new OrRequestMatcher(Arrays.stream(paths)
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
			.toList());
	}

	/**
	 * Refuses a request with more than one {@code Authorization} header (400,
	 * {@link AuthorizationHeaders}).
	 */
	@Override
	public String resolve(HttpServletRequest request) {
		if (this.openPaths.matches(request)) {
			return null;
		}
		if (AuthorizationHeaders.moreThanOne(request)) {
			throw new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest(AuthorizationHeaders.MORE_THAN_ONE));
		}
		boolean lenient = this.lenientPaths.matches(request);
		String token;
		try {
			token = this.tokens.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			// Spring's reading of a header that is no bearer token at all ("Bearer ",
			// "Bearer a b", a character no token has)
			if (lenient) {
				return null;
			}
			throw ex;
		}
		if (token == null) {
			return null;
		}
		boolean canonical = CanonicalTokenSpelling.isCanonical(token);
		if (lenient) {
			return (canonical && verifies(token)) ? token : null;
		}
		if (!canonical) {
			throw new InvalidBearerTokenException("the bearer token is not spelled as unpadded base64url");
		}
		return token;
	}

	/**
	 * Whether the token verifies; one whose keys cannot be fetched counts as verifying,
	 * so that the filter answers 503 for it as everywhere else.
	 */
	private boolean verifies(String token) {
		try {
			this.decoder.decode(token);
			return true;
		}
		catch (BadJwtException ex) {
			return false;
		}
		catch (JwtException ex) {
			return true;
		}
	}

}
