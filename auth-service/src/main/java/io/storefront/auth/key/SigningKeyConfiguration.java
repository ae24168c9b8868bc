package io.storefront.auth.key;

import java.time.Clock;
import java.util.Optional;

import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.storefront.db.config.InvalidSettingException;
import io.storefront.web.security.JwksJwtDecoders;

/**
 * The signing keys, and the {@link JwtDecoder} auth-service verifies its own tokens with:
 * straight from the keys in its database rather than over HTTP from itself, so the shared
 * JWKS-URL decoder backs off.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	/**
	 * Optional PKCS#8 PEM RSA private key (≥ 2048 bits) to sign with instead of the key
	 * kept in auth_db.
	 */
	static final String AUTH_SIGNING_KEY = "AUTH_SIGNING_KEY";

	/**
	 * Checks {@code AUTH_SIGNING_KEY} before any bean is created, so a bad key is
	 * reported before waiting for the database.
	 */
	@Bean
	static BeanFactoryPostProcessor signingKeySettingCheck(Environment environment) {
		return (beanFactory) -> configuredKey(environment.getProperty(AUTH_SIGNING_KEY));
	}

	@Bean
	SigningKeys signingKeys(SigningKeyRepository repository, Environment environment) {
		return SigningKeys.load(repository, configuredKey(environment.getProperty(AUTH_SIGNING_KEY)),
				Clock.systemUTC());
	}

	/**
	 * @param accountCheck whether the token's account still exists: asked only of a token
	 * every other check took, so an expired or foreign one costs no database read
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, OAuth2TokenValidator<Jwt> accountCheck) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeys())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> claims = JwksJwtDecoders.validator();
		decoder.setJwtValidator((token) -> {
			OAuth2TokenValidatorResult checked = claims.validate(token);
			return checked.hasErrors() ? checked : accountCheck.validate(token);
		});
		return decoder;
	}

	static Optional<RSAKey> configuredKey(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			// A PEM squeezed onto one line (an .env file, a container variable) keeps its
			// breaks as "\n".
			return Optional.of(RsaKeys.fromPem(value.replace("\\n", "\n")));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(AUTH_SIGNING_KEY, ex.getMessage());
		}
	}

}
