package io.storefront.auth.key;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.RSAKey;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import io.storefront.auth.TokenForgery;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.testing.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key rotation seen from a replica that is not restarted: another instance stores a new
 * active key, signs with it, and its tokens reach this one. Runs on a private PostgreSQL
 * so the rotation disturbs no other test's key.
 */
class AnotherReplicasKeyTests {

	private static TestPostgres postgres;

	private static JdbcClient jdbc;

	private final MovableClock clock = new MovableClock(Instant.now());

	@BeforeAll
	static void database() {
		postgres = TestPostgres.dedicated();
		DataSource database = new SimpleDriverDataSource(new Driver(),
				"jdbc:postgresql://localhost:" + postgres.port() + "/postgres", "postgres", "");
		Flyway.configure().dataSource(database).load().migrate();
		jdbc = JdbcClient.create(database);
	}

	@AfterAll
	static void stop() {
		postgres.stop();
	}

	/**
	 * Without the re-read on an unknown {@code kid} the token would fail here until this
	 * instance's set is a minute old and something asks for it.
	 */
	@Test
	void aTokenSignedWithAKeyAnotherReplicaJustStoredVerifiesAtOnce() {
		SigningKeys here = SigningKeys.load(new SigningKeyRepository(jdbc), Optional.empty(), this.clock);
		JwtDecoder decoder = new SigningKeyConfiguration().jwtDecoder(here,
				(token) -> OAuth2TokenValidatorResult.success());

		jdbc.sql("UPDATE signing_keys SET active = false WHERE active").update();
		RSAKey rotated = SigningKeys.activeOrCreate(new SigningKeyRepository(jdbc));
		this.clock.advance(SigningKeys.UNKNOWN_KID_RELOAD_INTERVAL);
		String subject = UUID.randomUUID().toString();
		String token = TokenForgery.sign(rotated, rotated.getKeyID(),
				TokenForgery.claims(subject, Duration.ZERO, Duration.ofMinutes(15)).build());

		assertThat(rotated.getKeyID()).isNotEqualTo(here.signingKey().getKeyID());
		assertThat(decoder.decode(token).getSubject()).isEqualTo(subject);
	}

	/**
	 * Tokens naming keys nobody stored (made up, or a deleted key's) cost at most one
	 * database read every ten seconds however many come: a key stored within that time is
	 * found at the next read, not at once.
	 */
	@Test
	void anUnknownKidIsLookedForInTheDatabaseAtMostOnceEveryTenSeconds() {
		SigningKeys here = SigningKeys.load(new SigningKeyRepository(jdbc), Optional.empty(), this.clock);
		JwtDecoder decoder = new SigningKeyConfiguration().jwtDecoder(here,
				(token) -> OAuth2TokenValidatorResult.success());
		this.clock.advance(SigningKeys.UNKNOWN_KID_RELOAD_INTERVAL);
		String madeUp = TokenForgery.sign(here.signingKey(), "made-up",
				TokenForgery.claims(UUID.randomUUID().toString(), Duration.ZERO, Duration.ofMinutes(15)).build());
		assertThatThrownBy(() -> decoder.decode(madeUp)).isInstanceOf(JwtException.class);

		jdbc.sql("UPDATE signing_keys SET active = false WHERE active").update();
		RSAKey rotated = SigningKeys.activeOrCreate(new SigningKeyRepository(jdbc));
		String token = TokenForgery.sign(rotated, rotated.getKeyID(),
				TokenForgery.claims(UUID.randomUUID().toString(), Duration.ZERO, Duration.ofMinutes(15)).build());
		this.clock.advance(SigningKeys.UNKNOWN_KID_RELOAD_INTERVAL.minusSeconds(1));
		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(decoder.decode(token).getSubject()).isNotBlank();
	}

}
