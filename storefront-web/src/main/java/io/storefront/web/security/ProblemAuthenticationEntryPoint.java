package io.storefront.web.security;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.storefront.problem.ProblemJson;

/**
 * 401 as problem+json, keeping the {@code WWW-Authenticate: Bearer …} header of RFC 6750
 * ({@link BearerChallenge}); 400 for a request RFC 6750 calls invalid (more than one
 * {@code Authorization} header). When the token could not be checked at all (the auth
 * service's keys are unreachable), 503 instead: the client did nothing wrong.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String INVALID_TOKEN = "the bearer token is invalid or expired";

	static final String NOT_A_JWT = "the bearer token is not a JWT (three base64url parts joined by dots): "
			+ "was it sent in quotes, or is it empty or the null a failed login left?";

	/**
	 * A JWT in compact serialization (an unsecured one, {@code alg: none}, has no
	 * signature).
	 */
	private static final Pattern BEARER_JWT = Pattern
		.compile("(?i:bearer) +[A-Za-z0-9_=+/-]+\\.[A-Za-z0-9_=+/-]+\\.[A-Za-z0-9_=+/-]* *");

	private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

	private final ProtectedResourceIdentifier identifier;

	public ProblemAuthenticationEntryPoint(ProtectedResourceIdentifier identifier) {
		this.identifier = identifier;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof AuthenticationServiceException) {
			response.setHeader("Retry-After", "1");
			ProblemJson.send(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"the token could not be verified because the signing keys are unavailable; retry shortly");
			return;
		}
		OAuth2Error error = (withoutTheDecodersReason(failure) instanceof OAuth2AuthenticationException oauth)
				? oauth.getError() : null;
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE,
				BearerChallenge.of(error, this.identifier.metadataUrl(request)));
		if (failure instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode())) {
			ProblemJson.send(request, response, HttpStatus.BAD_REQUEST, oauth.getError().getDescription());
			return;
		}
		ProblemJson.send(request, response, HttpStatus.UNAUTHORIZED, detail(request, error));
	}

	/**
	 * Without an error no bearer token was found: the request had no credentials, or
	 * credentials of another scheme ({@code Basic …}), which are no token to call
	 * invalid. A token not even shaped as a JWT is most often a client's slip (quotes
	 * kept, a failed login's {@code null}), which saying so helps to fix and tells a
	 * forger nothing; the challenge keeps the one description for every invalid token.
	 */
	private static String detail(HttpServletRequest request, OAuth2Error error) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (error != null) {
			return (authorization == null || BEARER_JWT.matcher(authorization).matches()) ? INVALID_TOKEN : NOT_A_JWT;
		}
		return (authorization == null) ? "a bearer token is required"
				: "a bearer token is required: the Authorization header holds credentials of another scheme";
	}

	/**
	 * The decoder's reason a token is invalid ("Signed JWT rejected: Invalid signature",
	 * "Jwt expired at …") would otherwise be the challenge's {@code error_description}:
	 * it names the JWT library and tells a forger which check failed. It is logged
	 * instead, for whoever runs the service.
	 */
	private static AuthenticationException withoutTheDecodersReason(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode())) {
			logger.debug("refused a bearer token: {}", oauth.getError().getDescription());
			return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(INVALID_TOKEN), failure);
		}
		return failure;
	}

}
