package io.storefront.auth.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SigningKeysTests {

	private final RSAKey signingKey = RsaKeys.generate();

	private final RSAKey otherReplicasKey = RsaKeys.generate();

	private final CountDownLatch databaseAnswers = new CountDownLatch(1);

	private final AtomicInteger reads = new AtomicInteger();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:00Z"));

	/**
	 * A database that answers the first read (at start-up) at once and later ones only
	 * when told to, as a stuck one makes them wait out the pool's timeout.
	 */
	private final SigningKeyRepository stuckDatabase = new SigningKeyRepository(null) {

		@Override
		List<StoredSigningKey> findAll() {
			if (SigningKeysTests.this.reads.incrementAndGet() == 1) {
				return List.of();
			}
			try {
				SigningKeysTests.this.databaseAnswers.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of(new StoredSigningKey(SigningKeysTests.this.otherReplicasKey.getKeyID(),
					RsaKeys.toPem(SigningKeysTests.this.otherReplicasKey), false, Instant.EPOCH));
		}

	};

	@Test
	void aStaleSetIsServedAtOnceWhileOneReReadRunsInTheBackground() {
		SigningKeys keys = new SigningKeys(this.stuckDatabase, this.signingKey, this.clock);
		assertThat(kids(keys)).containsExactly(this.signingKey.getKeyID());

		this.clock.advance(SigningKeys.PUBLISHED_MAX_AGE.plusSeconds(1));
		long start = System.nanoTime();
		List<String> whileStuck = kids(keys);
		List<String> again = kids(keys);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(whileStuck).isEqualTo(again).containsExactly(this.signingKey.getKeyID());
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reads.get() == 2);

		this.databaseAnswers.countDown();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(kids(keys)).containsExactly(this.signingKey.getKeyID(),
					this.otherReplicasKey.getKeyID()));
		assertThat(this.reads.get()).as("one background read however many requests came").isEqualTo(2);
	}

	@Test
	void aKeyDeletedFromTheDatabaseStopsVerifyingWithoutAJwksRequest() throws Exception {
		AtomicBoolean deleted = new AtomicBoolean();
		SigningKeyRepository database = new SigningKeyRepository(null) {

			@Override
			List<StoredSigningKey> findAll() {
				return deleted.get() ? List.of()
						: List.of(new StoredSigningKey(SigningKeysTests.this.otherReplicasKey.getKeyID(),
								RsaKeys.toPem(SigningKeysTests.this.otherReplicasKey), false, Instant.EPOCH));
			}

		};
		SigningKeys keys = new SigningKeys(database, this.signingKey, this.clock);
		JWKSelector otherKey = new JWKSelector(
				new JWKMatcher.Builder().keyID(this.otherReplicasKey.getKeyID()).build());
		assertThat(keys.verificationKeys().get(otherKey, null)).as("before the delete").hasSize(1);

		deleted.set(true);
		this.clock.advance(SigningKeys.PUBLISHED_MAX_AGE.plusSeconds(1));

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(keys.verificationKeys().get(otherKey, null))
				.as("verification keys a minute after the delete")
				.isEmpty());
	}

	private static List<String> kids(SigningKeys keys) {
		return keys.publishedKeys().getKeys().stream().map(JWK::getKeyID).toList();
	}

}
