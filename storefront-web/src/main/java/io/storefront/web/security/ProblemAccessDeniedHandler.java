package io.storefront.web.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.storefront.problem.ProblemJson;

/**
 * 403 as problem+json, with the
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} challenge RFC 6750 (section
 * 3.1) asks for when the denied request came with a bearer token. The detail is a
 * {@link TokenDeniedException}'s message, or for a route's role rule the role it needs.
 */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.bearer.handle(request, response, denied);
		ProblemJson.send(request, response, HttpStatus.FORBIDDEN, detail(denied));
	}

	private static String detail(AccessDeniedException denied) {
		if (denied instanceof TokenDeniedException) {
			return denied.getMessage();
		}
		List<String> roles = rolesNeeded(denied);
		return switch (roles.size()) {
			case 0 -> "this token may not do that";
			case 1 -> "this needs a token with the " + roles.get(0) + " role";
			default -> "this needs a token with one of the roles " + String.join(", ", roles);
		};
	}

	/** The roles a route's {@code hasRole} rule asked for, as the token names them. */
	private static List<String> rolesNeeded(AccessDeniedException denied) {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			return decision.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith(JwtRoles.AUTHORITY_PREFIX))
				.map((authority) -> authority.substring(JwtRoles.AUTHORITY_PREFIX.length()))
				.sorted()
				.toList();
		}
		return List.of();
	}

}
