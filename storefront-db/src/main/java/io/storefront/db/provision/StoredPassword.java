package io.storefront.db.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a role's verifier in {@code pg_authid} says of a password: PostgreSQL keeps a
 * SCRAM-SHA-256 verifier, or with {@code password_encryption = md5} the MD5 of password
 * and role name.
 */
enum StoredPassword {

	/** The verifier is one of this password. */
	SAME,

	/** The verifier is of another password. */
	OTHER,

	/** No password is stored, or a verifier of a kind not known here. */
	UNKNOWN;

	static StoredPassword of(String verifier, String role, String password) {
		if (verifier == null) {
			return UNKNOWN;
		}
		if (verifier.startsWith("SCRAM-SHA-256$")) {
			return ScramVerifier.matches(verifier, password) ? SAME : OTHER;
		}
		if (verifier.startsWith("md5") && verifier.length() == 35) {
			return MessageDigest.isEqual(md5(password + role).getBytes(StandardCharsets.US_ASCII),
					verifier.substring(3).getBytes(StandardCharsets.US_ASCII)) ? SAME : OTHER;
		}
		return UNKNOWN;
	}

	private static String md5(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has MD5", ex);
		}
	}

}
