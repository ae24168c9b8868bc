package io.storefront.auth.session;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code refresh_token_families} and {@code refresh_tokens}. A token can be used once,
 * while it and its family are unexpired and its family unrevoked (changing a user's
 * password or roles revokes all the user's families: a trigger, migration V4); revoking a
 * family stops every token in it, including one being issued at that moment, because each
 * use checks the family row.
 */
@Repository
public class RefreshTokenRepository {

	private final JdbcClient jdbc;

	public RefreshTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a successfully used token belonged to. */
	record UsedToken(UUID userId, UUID familyId) {
	}

	/**
	 * Why a token was not accepted: it may have been used before (a replay), expired, or
	 * its family revoked.
	 */
	record TokenState(UUID userId, UUID familyId, boolean used, boolean expired, boolean familyRevoked) {
	}

	void startFamily(UUID familyId, UUID userId) {
		this.jdbc.sql("INSERT INTO refresh_token_families (id, user_id) VALUES (:id, :userId)")
			.param("id", familyId)
			.param("userId", userId)
			.update();
	}

	/**
	 * Expires after {@code timeToLive}, or when its family reaches
	 * {@code familyLifetime}, whichever is first.
	 */
	void insert(byte[] tokenHash, UUID familyId, UUID userId, Duration timeToLive, Duration familyLifetime) {
		this.jdbc
			.sql("""
					INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at)
					SELECT :tokenHash, f.id, :userId,
					       LEAST(now() + make_interval(secs => :seconds), f.created_at + make_interval(secs => :familySeconds))
					FROM refresh_token_families f
					WHERE f.id = :familyId
					""")
			.param("tokenHash", tokenHash)
			.param("familyId", familyId)
			.param("userId", userId)
			.param("seconds", timeToLive.toSeconds())
			.param("familySeconds", familyLifetime.toSeconds())
			.update();
	}

	/**
	 * Marks the token used if it may still be used. Of two concurrent uses of one token,
	 * the second waits for the first's row lock, then finds it used and gets nothing. A
	 * family older than {@code familyLifetime} is over, whatever its tokens' own expiry
	 * says (they may predate the setting).
	 */
	Optional<UsedToken> markUsed(byte[] tokenHash, Duration familyLifetime) {
		return this.jdbc.sql("""
				UPDATE refresh_tokens t
				SET used_at = now()
				FROM refresh_token_families f
				WHERE t.token_hash = :tokenHash
				  AND f.id = t.family_id
				  AND t.used_at IS NULL
				  AND t.expires_at > now()
				  AND f.revoked_at IS NULL
				  AND f.created_at > now() - make_interval(secs => :familySeconds)
				RETURNING t.user_id, t.family_id
				""")
			.param("tokenHash", tokenHash)
			.param("familySeconds", familyLifetime.toSeconds())
			.query((row, n) -> new UsedToken(row.getObject("user_id", UUID.class),
					row.getObject("family_id", UUID.class)))
			.optional();
	}

	Optional<TokenState> find(byte[] tokenHash) {
		return this.jdbc.sql("""
				SELECT t.user_id, t.family_id, t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired,
				       f.revoked_at IS NOT NULL AS family_revoked
				FROM refresh_tokens t
				JOIN refresh_token_families f ON f.id = t.family_id
				WHERE t.token_hash = :tokenHash
				""")
			.param("tokenHash", tokenHash)
			.query((row, n) -> new TokenState(row.getObject("user_id", UUID.class),
					row.getObject("family_id", UUID.class), row.getBoolean("used"), row.getBoolean("expired"),
					row.getBoolean("family_revoked")))
			.optional();
	}

	/**
	 * @return whether the family was live until now
	 */
	boolean revokeFamily(UUID familyId) {
		return this.jdbc.sql("""
				UPDATE refresh_token_families SET revoked_at = now()
				WHERE id = :familyId AND revoked_at IS NULL
				""").param("familyId", familyId).update() == 1;
	}

	/**
	 * Revokes the family {@code tokenHash} belongs to; nothing happens for an unknown
	 * token.
	 */
	boolean revokeFamilyOf(byte[] tokenHash) {
		return this.jdbc.sql("""
				UPDATE refresh_token_families SET revoked_at = now()
				WHERE revoked_at IS NULL
				  AND id = (SELECT family_id FROM refresh_tokens WHERE token_hash = :tokenHash)
				""").param("tokenHash", tokenHash).update() == 1;
	}

	/**
	 * Revokes a family of {@code userId}'s; nothing happens when it belongs to someone
	 * else.
	 */
	boolean revokeFamily(UUID familyId, UUID userId) {
		return this.jdbc.sql("""
				UPDATE refresh_token_families SET revoked_at = now()
				WHERE id = :familyId AND user_id = :userId AND revoked_at IS NULL
				""").param("familyId", familyId).param("userId", userId).update() == 1;
	}

	/**
	 * Deletes tokens that expired more than {@code grace} ago, then families with no
	 * token left (a family's tokens cascade with it).
	 * @return the number of tokens and families deleted
	 */
	int purgeExpired(Duration grace) {
		int tokens = this.jdbc.sql("""
				DELETE FROM refresh_tokens
				WHERE expires_at < now() - make_interval(secs => :seconds)
				""").param("seconds", grace.toSeconds()).update();
		int families = this.jdbc.sql("""
				DELETE FROM refresh_token_families f
				WHERE f.created_at < now() - make_interval(secs => :seconds)
				  AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.id)
				""").param("seconds", grace.toSeconds()).update();
		return tokens + families;
	}

}
