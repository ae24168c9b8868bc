package io.storefront.web.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

import io.storefront.db.config.InvalidSettingException;

/**
 * Verifies access tokens locally against the auth service's JWKS ({@code AUTH_JWKS_URL}). Keys are
 * cached; a token signed with a key id not in the cache makes the decoder fetch the set again, which
 * is how a key rotation is picked up. Only RS256 is accepted, so {@code alg: none} and HMAC tricks
 * fail.
 */
public final class JwksJwtDecoders {

	public static final String AUTH_JWKS_URL = "AUTH_JWKS_URL";

	public static final String DEFAULT_JWKS_URL = "http://localhost:8001/.well-known/jwks.json";

	/** The {@code iss} of every access token auth-service signs. */
	public static final String ISSUER = "auth-service";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private JwksJwtDecoders() {
	}

	public static JwtDecoder fromUrl(String jwksUrl) {
		validate(jwksUrl);
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(CONNECT_TIMEOUT);
		requests.setReadTimeout(READ_TIMEOUT);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUrl)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.restOperations(new RestTemplate(requests))
			.build();
		decoder.setJwtValidator(validator());
		return decoder;
	}

	/**
	 * Expiry and not-before (with the default 60 s skew), the issuer auth-service, and a subject, which
	 * every Storefront access token has.
	 */
	public static OAuth2TokenValidator<Jwt> validator() {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()));
	}

	static void validate(String jwksUrl) {
		try {
			URI uri = new URI(jwksUrl);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new URISyntaxException(jwksUrl, "not an http(s) URL");
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidSettingException(AUTH_JWKS_URL, "must be an http(s) URL (got \"" + jwksUrl + "\")");
		}
	}

}
