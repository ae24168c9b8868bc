package io.storefront.auth.session;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What login and refresh answer (RFC 6749 section 5.1). {@link #toString()} never shows a
 * token.
 */
public record TokenResponse(@Schema(description = "RS256 JWT for the Authorization: Bearer header") String accessToken,
		@Schema(example = "bearer") String tokenType,
		@Schema(description = "Seconds until the access token expires", example = "900") long expiresIn,
		@Schema(description = "Single-use; exchange it at /auth/refresh for a new pair") String refreshToken) {

	static final String BEARER = "bearer";

	@Override
	public String toString() {
		return "TokenResponse[tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn + "]";
	}

}
