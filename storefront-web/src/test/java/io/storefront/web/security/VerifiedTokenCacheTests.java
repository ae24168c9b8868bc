package io.storefront.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import io.storefront.web.testing.MovableClock;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A verified token is verified once per lifetime; failures and expired tokens are checked
 * again.
 */
class VerifiedTokenCacheTests {

	private static TestTokens tokens;

	private static JwtDecoder realDecoder;

	private final AtomicInteger verifications = new AtomicInteger();

	private final MovableClock clock = new MovableClock(Instant.now());

	private final JwtDecoder counted = (token) -> {
		this.verifications.incrementAndGet();
		return realDecoder.decode(token);
	};

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

	@Test
	void aTokenPastItsExpiryIsVerifiedAgainAndThenRefused() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.counted, this.clock);
		String token = tokens.token("carol", List.of("user"), Duration.ofMinutes(2));
		Jwt jwt = cache.decode(token);

		this.clock.set(jwt.getExpiresAt().plusSeconds(1));

		// The real decoder runs on the real clock, which still accepts the token: what
		// matters is that it was asked.
		cache.decode(token);
		assertThat(this.verifications).hasValue(2);
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

}
