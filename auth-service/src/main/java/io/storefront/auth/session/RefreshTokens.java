package io.storefront.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Refresh tokens are 256 random bits, base64url-encoded (43 characters). Only their
 * SHA-256 is stored: a leaked table does not hand out sessions, and a slow hash is not
 * needed because the token cannot be guessed.
 */
final class RefreshTokens {

	static final Duration TIME_TO_LIVE = Duration.ofDays(14);

	private static final int RANDOM_BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private RefreshTokens() {
	}

	static String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
