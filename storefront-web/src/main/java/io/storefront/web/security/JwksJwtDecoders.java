package io.storefront.web.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.storefront.db.config.HttpUrl;
import io.storefront.db.config.InvalidSettingException;

/**
 * Verifies access tokens locally against the auth service's JWKS ({@code AUTH_JWKS_URL}).
 * Keys are cached for five minutes and kept through an outage of auth-service; a token
 * signed with a key id not in the cache makes the decoder fetch the set again (at most
 * twice a second), which is how a key rotation is picked up. Only RS256 is accepted, so
 * {@code alg: none} and HMAC tricks fail. A token once verified is remembered until it
 * expires (see {@link VerifiedTokenCache}).
 */
public final class JwksJwtDecoders {

	public static final String AUTH_JWKS_URL = "AUTH_JWKS_URL";

	public static final String DEFAULT_JWKS_URL = "http://localhost:8001/.well-known/jwks.json";

	/** The {@code iss} of every access token auth-service signs. */
	public static final String ISSUER = "auth-service";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private static final int MAX_JWKS_BYTES = 64 * 1024;

	private static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);

	/**
	 * A token with an unknown key id makes the decoder fetch the set again, at most twice
	 * per interval (Nimbus's rate limit lets two fetches through each): short enough that
	 * a key rotation is picked up at once, long enough that tokens with made-up key ids
	 * cannot turn every request into a call to auth-service.
	 */
	private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(1);

	/**
	 * While auth-service is down, keys already known keep verifying tokens for this long.
	 */
	private static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

	private JwksJwtDecoders() {
	}

	public static JwtDecoder fromUrl(String jwksUrl) {
		URL url = validate(jwksUrl);
		JWKSource<SecurityContext> keys = JWKSourceBuilder
			.create(url,
					new DefaultResourceRetriever((int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(),
							MAX_JWKS_BYTES))
			.cache(CACHE_TIME_TO_LIVE.toMillis(), READ_TIMEOUT.toMillis())
			.rateLimited(MIN_REFETCH_INTERVAL.toMillis())
			.outageTolerant(OUTAGE_TOLERANCE.toMillis())
			.retrying(true)
			.build();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(unknownKeyIsInvalid(keys))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(validator());
		return new VerifiedTokenCache(decoder, Clock.systemUTC());
	}

	/**
	 * A key id the set does not have, asked again within the refetch interval, is an
	 * invalid token (401), not a key source failure (which would answer 503 as if
	 * auth-service were down).
	 */
	private static JWKSource<SecurityContext> unknownKeyIsInvalid(JWKSource<SecurityContext> keys) {
		return (selector, context) -> {
			try {
				return keys.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				return List.of();
			}
		};
	}

	/**
	 * Expiry and not-before (with the default 60 s skew), the issuer auth-service, a
	 * subject and an expiry, which every Storefront access token has: one without would
	 * never stop working (Spring checks an expiry only when there is one). And the
	 * {@code roles} as auth writes them, a list of names: Spring's authorities converter
	 * would also read a text as names split at spaces, and an object as none.
	 */
	public static OAuth2TokenValidator<Jwt> validator() {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<Object>(JwtRoles.ROLES_CLAIM, JwksJwtDecoders::isListOfNames));
	}

	private static boolean isListOfNames(Object roles) {
		return roles instanceof Collection<?> names && names.stream().allMatch(String.class::isInstance);
	}

	/**
	 * Refuses a URL the key fetcher could never use, which would otherwise answer every
	 * request carrying a token with a 503 while {@code /health} says healthy.
	 */
	public static URL validate(String jwksUrl) {
		URI uri = HttpUrl.parse(AUTH_JWKS_URL, jwksUrl, DEFAULT_JWKS_URL, HttpUrl.Query.ALLOWED);
		try {
			return uri.toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new InvalidSettingException(AUTH_JWKS_URL, "is not a valid URL (got \"" + jwksUrl + "\")");
		}
	}

}
