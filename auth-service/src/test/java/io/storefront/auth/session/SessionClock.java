package io.storefront.auth.session;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a session's times back in the database, so that a test reaches a lifetime's end
 * without waiting for it. {@code ago} is a PostgreSQL interval, such as {@code "2 days"}.
 */
final class SessionClock {

	private final JdbcClient jdbc;

	SessionClock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The refresh token's family, its login, was started {@code ago}. */
	void startFamily(String refreshToken, String ago) {
		this.jdbc.sql("""
				UPDATE refresh_token_families SET created_at = now() - CAST(:ago AS interval)
				WHERE id = (SELECT family_id FROM refresh_tokens WHERE token_hash = :hash)
				""").param("ago", ago).param("hash", RefreshTokens.hash(refreshToken)).update();
	}

	/** The refresh token expired {@code ago}. */
	void expire(String refreshToken, String ago) {
		this.jdbc.sql("UPDATE refresh_tokens SET expires_at = now() - CAST(:ago AS interval) WHERE token_hash = :hash")
			.param("ago", ago)
			.param("hash", RefreshTokens.hash(refreshToken))
			.update();
	}

}
