package io.storefront.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens a test needs that the service would never issue: expired, tampered, wrongly
 * signed.
 */
public final class TokenForgery {

	private TokenForgery() {
	}

	/**
	 * Claims shaped like the service's own, for {@code subject}, issued {@code age} ago
	 * and valid for {@code ttl} from then.
	 */
	public static JWTClaimsSet.Builder claims(String subject, Duration age, Duration ttl) {
		Instant issued = Instant.now().minus(age);
		return new JWTClaimsSet.Builder().issuer("auth-service")
			.subject(subject)
			.claim("roles", List.of("user"))
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(issued.plus(ttl)));
	}

	public static String sign(RSAKey key, String kid, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The classic algorithm confusion: HS256 "signed" with the bytes of the published RSA
	 * public key.
	 */
	public static String hmacWithPublicKey(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A genuine token whose payload was edited afterwards to claim the admin role. */
	public static String tampered(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String edited = payload.replace("\"roles\":[\"user\"]", "\"roles\":[\"user\",\"admin\"]");
		if (edited.equals(payload)) {
			throw new IllegalArgumentException("the token has no user-only roles claim to edit");
		}
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

}
