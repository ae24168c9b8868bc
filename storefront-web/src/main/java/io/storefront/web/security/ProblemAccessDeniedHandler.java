package io.storefront.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.storefront.problem.ProblemJson;

/**
 * 403 as problem+json, with the
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} challenge RFC 6750 (section
 * 3.1) asks for when the denied request came with a bearer token. The detail is a
 * {@link TokenDeniedException}'s message, or a general one for a route's role rule.
 */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.bearer.handle(request, response, denied);
		String detail = (denied instanceof TokenDeniedException) ? denied.getMessage() : "this token may not do that";
		ProblemJson.send(request, response, HttpStatus.FORBIDDEN, detail);
	}

}
