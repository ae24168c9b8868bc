package io.storefront.auth.session;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /auth/login}. {@link #toString()} never shows the password. */
public record LoginRequest(
		@Schema(example = "ann@example.com", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String email,
		@Schema(format = "password", example = "correct horse battery",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull String password) {

	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + ", password=******]";
	}

}
