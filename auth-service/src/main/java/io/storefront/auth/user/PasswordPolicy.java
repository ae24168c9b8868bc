package io.storefront.auth.user;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a password must be: at least 8 characters, and at most 72 bytes in UTF-8, because
 * bcrypt ignores everything past the 72nd byte (two passwords sharing those bytes would
 * both open the account).
 */
public final class PasswordPolicy {

	public static final int MIN_CHARACTERS = 8;

	public static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/**
	 * Why {@code password} is not acceptable, or empty when it is. Never mentions the
	 * password itself.
	 */
	public static Optional<String> problem(String password) {
		if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return Optional.of("must be at least " + MIN_CHARACTERS + " characters");
		}
		if (!fitsBcrypt(password)) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
		}
		return Optional.empty();
	}

	public static boolean fitsBcrypt(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

}
