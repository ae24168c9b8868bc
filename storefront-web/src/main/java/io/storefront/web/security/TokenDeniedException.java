package io.storefront.web.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * Refuses, from inside a controller, a valid token that may not do what the request asks
 * where only the request's data tells (whose account, whose cart). It is answered as a
 * route's role rule is, by {@link ProblemAccessDeniedHandler}: 403 with RFC 6750's
 * {@code insufficient_scope} challenge; its message, which must be fit for the client, is
 * the problem's detail.
 */
public class TokenDeniedException extends AccessDeniedException {

	public TokenDeniedException(String detail) {
		super(detail);
	}

}
