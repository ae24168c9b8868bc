package io.storefront.auth.key;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code signing_keys} table, shared by every replica. */
@Repository
public class SigningKeyRepository {

	private static final RowMapper<StoredSigningKey> ROW = SigningKeyRepository::map;

	private final JdbcClient jdbc;

	public SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredSigningKey> findActive() {
		return this.jdbc.sql("""
				SELECT kid, private_key_pem, active, created_at
				FROM signing_keys
				WHERE active
				""").query(ROW).optional();
	}

	/** Every key, active or not, oldest first: what the JWKS publishes. */
	List<StoredSigningKey> findAll() {
		return this.jdbc.sql("""
				SELECT kid, private_key_pem, active, created_at
				FROM signing_keys
				ORDER BY created_at, kid
				""").query(ROW).list();
	}

	/**
	 * Stores {@code kid} as the active key unless one is active already (another instance
	 * won the race); the unique index on the active flag decides.
	 * @return whether this key was stored
	 */
	boolean insertActiveUnlessPresent(String kid, String privateKeyPem) {
		return this.jdbc.sql("""
				INSERT INTO signing_keys (kid, private_key_pem, active)
				VALUES (:kid, :privateKeyPem, true)
				ON CONFLICT DO NOTHING
				""").param("kid", kid).param("privateKeyPem", privateKeyPem).update() == 1;
	}

	private static StoredSigningKey map(ResultSet row, int rowNumber) throws SQLException {
		return new StoredSigningKey(row.getString("kid"), row.getString("private_key_pem"), row.getBoolean("active"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
