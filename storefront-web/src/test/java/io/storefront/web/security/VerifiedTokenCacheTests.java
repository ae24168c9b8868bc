package io.storefront.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.storefront.web.testing.MovableClock;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A verified token is verified once per lifetime, and at least once per
 * {@code KEY_CACHE_TIME}; failures and expired tokens are checked again.
 */
class VerifiedTokenCacheTests {

	private static TestTokens tokens;

	private static JwtDecoder realDecoder;

	private final AtomicInteger verifications = new AtomicInteger();

	private final MovableClock clock = new MovableClock(Instant.now());

	private final JwtDecoder counted = counting((token) -> realDecoder.decode(token));

	@BeforeAll
	static void startTokens() {
		tokens = TestTokens.start();
		realDecoder = JwksJwtDecoders.fromUrl(tokens.jwksUrl());
	}

	@AfterAll
	static void stopTokens() {
		tokens.close();
	}

	@Test
	void aTokenUsedAgainIsNotVerifiedAgain() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.counted, this.clock);
		String token = tokens.user("alice");

		Jwt first = cache.decode(token);
		Jwt second = cache.decode(token);

		assertThat(second.getSubject()).isEqualTo("alice");
		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		assertThat(cache.decode(tokens.user("bob")).getSubject()).isEqualTo("bob");
		assertThat(this.verifications).hasValue(2);
	}

	/**
	 * Past its {@code exp} a token is handed to the decoder again, which refuses it; the
	 * refusal is not remembered either.
	 */
	@Test
	void aTokenPastItsExpiryIsVerifiedAgainAndThenRefused() {
		VerifiedTokenCache cache = new VerifiedTokenCache(counting(decoderOnTheTestClock()), this.clock);
		String token = tokens.token("carol", List.of("user"), Duration.ofMinutes(2));
		Jwt jwt = cache.decode(token);

		this.clock.set(jwt.getExpiresAt().plusSeconds(1));

		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(token))
				.withMessageContaining("expired");
		}
		assertThat(this.verifications).hasValue(3);
	}

	/**
	 * A token that lives 15 minutes is served from the cache for no longer than
	 * {@code KEY_CACHE_TIME}, then verified again, so a withdrawn key stops verifying as
	 * soon as it would without the cache.
	 */
	@Test
	void aLongLivedTokenIsVerifiedAgainOnceTheKeyCacheTimeHasPassed() {
		Instant start = this.clock.instant();
		// Caffeine's own expiry runs on its ticker: it moves with the test's clock.
		VerifiedTokenCache cache = new VerifiedTokenCache(this.counted, this.clock,
				() -> Duration.between(start, this.clock.instant()).toNanos());
		String token = tokens.token("dave", List.of("user"), Duration.ofMinutes(15));
		cache.decode(token);

		this.clock.advance(Duration.ofMinutes(4));
		cache.decode(token);
		assertThat(this.verifications).as("served from the cache within the key cache time").hasValue(1);

		this.clock.set(start.plus(VerifiedTokenCache.KEY_CACHE_TIME).plusSeconds(1));
		assertThat(cache.decode(token).getSubject()).isEqualTo("dave");
		assertThat(this.verifications).as("verified again once the key cache time has passed").hasValue(2);
	}

	@Test
	void aRefusedTokenIsCheckedEveryTime() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.counted, this.clock);
		String tampered = tokens.tampered("mallory");

		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(tampered));
		}
		assertThat(this.verifications).hasValue(2);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> cache.decode(tokens.expired("mallory")));
	}

	@Test
	void theDecoderTheServicesGetRemembersVerifiedTokens() {
		assertThat(JwksJwtDecoders.fromUrl(tokens.jwksUrl())).isInstanceOf(VerifiedTokenCache.class);
	}

	private JwtDecoder counting(JwtDecoder decoder) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return decoder.decode(token);
		};
	}

	/**
	 * Checks the signature against the test keys and the expiry, with no skew, against
	 * the test's clock.
	 */
	private JwtDecoder decoderOnTheTestClock() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(tokens.jwksUrl())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(this.clock);
		decoder.setJwtValidator(timestamps);
		return decoder;
	}

}
