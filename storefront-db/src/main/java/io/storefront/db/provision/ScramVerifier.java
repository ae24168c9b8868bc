package io.storefront.db.provision;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;

/**
 * A password checked against the SCRAM-SHA-256 verifier PostgreSQL keeps for a role
 * ({@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}), as the server
 * checks a login: the same preparation of the password, the same salt and iterations.
 */
final class ScramVerifier {

	private static final Pattern FORMAT = Pattern
		.compile("SCRAM-SHA-256\\$(\\d{1,9}):([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*):([A-Za-z0-9+/]+=*)");

	private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;

	private ScramVerifier() {
	}

	/**
	 * Whether {@code verifier} is a SCRAM-SHA-256 verifier of {@code password}; false for
	 * any other kind of verifier (MD5, none).
	 */
	static boolean matches(String verifier, String password) {
		Matcher parts = FORMAT.matcher(verifier);
		if (!parts.matches()) {
			return false;
		}
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] salted = ScramFunctions.saltedPassword(MECHANISM, StringPreparation.POSTGRESQL_PREPARATION,
				password.toCharArray(), base64.decode(parts.group(2)), Integer.parseInt(parts.group(1)));
		byte[] storedKey = ScramFunctions.storedKey(MECHANISM, ScramFunctions.clientKey(MECHANISM, salted));
		return MessageDigest.isEqual(storedKey, base64.decode(parts.group(3)));
	}

}
