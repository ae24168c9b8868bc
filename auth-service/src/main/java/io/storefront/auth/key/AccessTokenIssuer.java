package io.storefront.auth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import io.storefront.web.security.JwksJwtDecoders;

/**
 * Mints access tokens: RS256 JWTs with the signing key's {@code kid} in the header and
 * the claims every Storefront service reads ({@code sub} = user id, {@code roles},
 * {@code email}, {@code iss}, {@code iat}, {@code exp} 15 minutes later), plus
 * {@code sid}, the refresh-token family (the login session) the token was issued for, and
 * a unique {@code jti}.
 */
@Component
public class AccessTokenIssuer {

	public static final String ISSUER = JwksJwtDecoders.ISSUER;

	public static final Duration TIME_TO_LIVE = Duration.ofMinutes(15);

	public static final String SESSION_CLAIM = "sid";

	private final SigningKeys keys;

	private final Clock clock = Clock.systemUTC();

	public AccessTokenIssuer(SigningKeys keys) {
		this.keys = keys;
	}

	public String issue(UUID userId, String email, List<String> roles, UUID sessionId) {
		RSAKey key = this.keys.signingKey();
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId.toString())
			.claim("roles", roles)
			.claim("email", email)
			.claim(SESSION_CLAIM, sessionId.toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(TIME_TO_LIVE)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("signing an access token failed", ex);
		}
	}

}
