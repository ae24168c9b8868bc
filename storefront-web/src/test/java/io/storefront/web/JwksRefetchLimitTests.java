package io.storefront.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.storefront.web.security.JwksJwtDecoders;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tokens with key ids the JWKS does not have make the decoder fetch the set again, but
 * only about once a second (the key source allows two fetches per one-second interval),
 * however many arrive: made-up key ids cannot turn every request into a call to
 * auth-service. A real rotation is still picked up.
 */
class JwksRefetchLimitTests {

	@Test
	void unknownKeyIdsRefetchTheKeysAtMostTwiceASecond() throws Exception {
		try (TestTokens tokens = TestTokens.start()) {
			JwtDecoder decoder = JwksJwtDecoders.fromUrl(tokens.jwksUrl());
			String subject = UUID.randomUUID().toString();
			assertThat(decoder.decode(tokens.user(subject)).getSubject()).isEqualTo(subject);
			int fetchesBefore = tokens.jwksRequests();

			String unknownKey = tokens.signedByUnknownKey(subject);
			long started = System.nanoTime();
			int attempts = 100;
			for (int i = 0; i < attempts; i++) {
				assertThat(catchThrowable(() -> decoder.decode(unknownKey)))
					.as("a token signed by an unknown key is invalid")
					.isInstanceOf(BadJwtException.class);
				Thread.sleep(20);
			}
			Duration burst = Duration.ofNanos(System.nanoTime() - started);

			int fetches = tokens.jwksRequests() - fetchesBefore;
			assertThat(fetches).as("the set was fetched again for unknown key ids").isPositive();
			assertThat(fetches).as("%d tokens with unknown key ids in %s", attempts, burst)
				// Two per started second of the burst, and one perhaps left from the
				// interval of the first fetch.
				.isLessThanOrEqualTo(2 * (int) (burst.toSeconds() + 1) + 1)
				.isLessThan(attempts / 4);

			tokens.rotate();
			String rotated = tokens.user(subject);
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(decoder.decode(rotated).getSubject()).isEqualTo(subject));
		}
	}

}
