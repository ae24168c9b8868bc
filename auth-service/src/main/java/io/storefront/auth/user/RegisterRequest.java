package io.storefront.auth.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.storefront.web.text.DisplayText;

/** Body of {@code POST /auth/register}. {@link #toString()} never shows the password. */
public record RegisterRequest(@Schema(
		description = "Trimmed, lower-cased, with each domain label in its canonical Unicode form (IDNA 2008, UTS #46 non-transitional: xn-- labels decoded, fullwidth letters and ligatures made plain, ß kept) before use; at most 254 characters both as typed and after that",
		example = "ann@example.com", maxLength = EmailAddress.MAX_LENGTH,
		requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @ValidEmail String email,
		@Schema(description = "Unicode NFKC-normalised before use; at least 8 characters, at most 72 bytes in UTF-8 after that, and not only white space or invisible characters",
				format = "password", minLength = PasswordPolicy.MIN_CHARACTERS, maxLength = PasswordPolicy.MAX_BYTES,
				example = "correct horse battery",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @ValidPassword String password,
		@Schema(description = "Optional display name, at most 200 characters on one line; trimmed, and blank means none",
				example = "Ann Example", nullable = true) @Size(max = 200) @Pattern(regexp = DisplayText.ONE_LINE,
						message = DisplayText.ONE_LINE_MESSAGE) String fullName) {

	@Override
	public String toString() {
		return "RegisterRequest[email=" + this.email + ", password=******, fullName=" + this.fullName + "]";
	}

}
