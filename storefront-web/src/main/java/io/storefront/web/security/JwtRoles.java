package io.storefront.web.security;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Maps a Storefront access token to an authentication: the principal is the {@code sub}
 * claim (the user id) and each entry of the {@code roles} claim becomes
 * {@code ROLE_<role>}, so {@code hasRole("admin")} reads as it should.
 */
public final class JwtRoles {

	public static final String ROLES_CLAIM = "roles";

	/** What {@code hasRole} puts before a role's name. */
	static final String AUTHORITY_PREFIX = "ROLE_";

	private JwtRoles() {
	}

	public static JwtAuthenticationConverter converter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(ROLES_CLAIM);
		authorities.setAuthorityPrefix(AUTHORITY_PREFIX);
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		converter.setPrincipalClaimName("sub");
		return converter;
	}

}
