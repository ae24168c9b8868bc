package io.storefront.auth.session;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /auth/refresh}. {@link #toString()} never shows the token. */
public record RefreshRequest(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 512) String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[refreshToken=******]";
	}

}
