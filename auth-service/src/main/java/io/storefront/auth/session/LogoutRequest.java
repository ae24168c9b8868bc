package io.storefront.auth.session;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /auth/logout}; optional when a bearer token is sent.
 * {@link #toString()} never shows the token.
 */
public record LogoutRequest(
		@Schema(description = "The refresh token of the session to end; optional with a bearer token") @Size(
				max = 512) String refreshToken) {

	@Override
	public String toString() {
		return "LogoutRequest[refreshToken=******]";
	}

}
