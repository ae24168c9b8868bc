package io.storefront.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.storefront.problem.ProblemJson;

/**
 * 401 as problem+json, keeping the {@code WWW-Authenticate: Bearer …} header of RFC 6750;
 * 400 for a request RFC 6750 calls invalid (more than one {@code Authorization} header).
 * When the token could not be checked at all (the auth service's keys are unreachable),
 * 503 instead: the client did nothing wrong.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof AuthenticationServiceException) {
			response.setHeader("Retry-After", "1");
			ProblemJson.send(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"the token could not be verified because the signing keys are unavailable; retry shortly");
			return;
		}
		this.bearer.commence(request, response, failure);
		if (failure instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode())) {
			ProblemJson.send(request, response, HttpStatus.BAD_REQUEST, oauth.getError().getDescription());
			return;
		}
		String detail = (request.getHeader("Authorization") == null) ? "a bearer token is required"
				: "the bearer token is invalid or expired";
		ProblemJson.send(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

}
