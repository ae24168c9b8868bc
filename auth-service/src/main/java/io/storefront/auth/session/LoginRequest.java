package io.storefront.auth.session;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.storefront.auth.user.EmailAddress;

/**
 * Body of {@code POST /auth/login}. The email's length is capped as registration caps it:
 * no account has a longer one, and the failed-login allowance keeps every email it sees
 * for a while. {@link #toString()} never shows the password.
 */
public record LoginRequest(
		@Schema(example = "ann@example.com", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(
				max = EmailAddress.MAX_LENGTH) String email,
		@Schema(format = "password", example = "correct horse battery",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull String password) {

	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + ", password=******]";
	}

}
