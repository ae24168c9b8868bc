package io.storefront.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code users} table. Emails handed in are already normalised
 * ({@link EmailAddress#normalise}).
 */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, email, password_hash, full_name, roles, created_at, updated_at";

	private static final RowMapper<UserAccount> ROW = UserRepository::map;

	private final JdbcClient jdbc;

	public UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates an account with the {@code user} role, or returns empty when the email is
	 * taken. The unique constraint decides, so of two racing registrations exactly one
	 * gets the account.
	 */
	public Optional<UserAccount> insertIfEmailFree(String email, String passwordHash, String fullName) {
		return this.jdbc.sql("""
				INSERT INTO users (email, password_hash, full_name)
				VALUES (:email, :passwordHash, :fullName)
				ON CONFLICT (email) DO NOTHING
				RETURNING %s
				""".formatted(COLUMNS))
			.param("email", email)
			.param("passwordHash", passwordHash)
			.param("fullName", fullName)
			.query(ROW)
			.optional();
	}

	public Optional<UserAccount> findById(UUID id) {
		return selectOne("WHERE id = :id", "id", id);
	}

	public Optional<UserAccount> findByEmail(String email) {
		return selectOne("WHERE email = :email", "email", email);
	}

	/**
	 * Reads the account and keeps it from being deleted until the surrounding transaction
	 * ends.
	 */
	public Optional<UserAccount> findByIdForShare(UUID id) {
		return selectOne("WHERE id = :id FOR SHARE", "id", id);
	}

	/**
	 * Creates the administrator, or makes the existing account with that email one, with
	 * this password hash.
	 */
	public UserAccount upsertAdministrator(String email, String passwordHash) {
		return this.jdbc.sql("""
				INSERT INTO users (email, password_hash, roles)
				VALUES (:email, :passwordHash, ARRAY['user', 'admin']::text[])
				ON CONFLICT (email) DO UPDATE
				SET password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles, updated_at = now()
				RETURNING %s
				""".formatted(COLUMNS)).param("email", email).param("passwordHash", passwordHash).query(ROW).single();
	}

	/**
	 * The account {@code SELECT ... FROM users} followed by {@code rest} finds, its one
	 * parameter bound.
	 */
	private Optional<UserAccount> selectOne(String rest, String parameter, Object value) {
		return this.jdbc.sql("SELECT %s FROM users %s".formatted(COLUMNS, rest))
			.param(parameter, value)
			.query(ROW)
			.optional();
	}

	private static UserAccount map(ResultSet row, int rowNumber) throws SQLException {
		return new UserAccount(row.getObject("id", UUID.class), row.getString("email"), row.getString("password_hash"),
				row.getString("full_name"), roles(row.getArray("roles")),
				row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static List<String> roles(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
