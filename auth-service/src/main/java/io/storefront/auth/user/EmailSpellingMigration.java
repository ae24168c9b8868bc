package io.storefront.auth.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration for a change of {@link EmailAddress#normalise}: a stored email it now
 * spells otherwise could no longer log in, since logins look the new spelling up. Each
 * such email is rewritten, unless the new spelling already belongs to another account:
 * then both stay as they are (the new spelling is the one logins reach), and an operator
 * decides, as V5 does; each such pair is logged (a WARN naming both accounts' ids) for
 * that operator. In Java, since the spelling needs ICU's UTS #46 (IDNA), which SQL lacks.
 */
abstract class EmailSpellingMigration implements JavaMigration {

	private static final int ROWS_PER_FETCH = 1000;

	private static final Logger logger = LoggerFactory.getLogger(EmailSpellingMigration.class);

	private final MigrationVersion version;

	private final String description;

	private final String candidates;

	/**
	 * @param candidates a query for the {@code id} and {@code email} of every user whose
	 * email the change may spell otherwise
	 */
	EmailSpellingMigration(String version, String description, String candidates) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
		this.candidates = candidates;
	}

	@Override
	public MigrationVersion getVersion() {
		return this.version;
	}

	@Override
	public String getDescription() {
		return this.description;
	}

	/**
	 * None: Flyway then never compares one, so a database this already ran on stays valid
	 * whatever the code of this class becomes.
	 */
	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		migrate(context.getConnection());
	}

	void migrate(Connection connection) throws SQLException {
		for (Map.Entry<UUID, String> user : respelled(connection).entrySet()) {
			try (PreparedStatement update = connection.prepareStatement("UPDATE users SET email = ? WHERE id = ? "
					+ "AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = ?)")) {
				update.setString(1, user.getValue());
				update.setObject(2, user.getKey());
				update.setString(3, user.getValue());
				if (update.executeUpdate() == 0) {
					reportKept(connection, user.getKey(), user.getValue());
				}
			}
		}
	}

	/** Names both accounts by id: the emails are the users' data, not the log's. */
	private void reportKept(Connection connection, UUID kept, String newSpelling) throws SQLException {
		try (PreparedStatement owner = connection.prepareStatement("SELECT id FROM users WHERE email = ?")) {
			owner.setString(1, newSpelling);
			try (ResultSet row = owner.executeQuery()) {
				UUID other = row.next() ? row.getObject(1, UUID.class) : null;
				logger.atWarn()
					.addKeyValue("user_id", kept)
					.addKeyValue("other_user_id", other)
					.log("migration {}: account {} keeps its email as stored, since its new spelling is account {}'s, "
							+ "which logins reach; an operator decides between them", this.version, kept, other);
			}
		}
	}

	/** The new spelling of each candidate the change spells otherwise, by user id. */
	private Map<UUID, String> respelled(Connection connection) throws SQLException {
		Map<UUID, String> users = new LinkedHashMap<>();
		try (PreparedStatement select = connection.prepareStatement(this.candidates)) {
			select.setFetchSize(ROWS_PER_FETCH);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					String stored = rows.getString(2);
					String normalised = EmailAddress.normalise(stored);
					if (!normalised.equals(stored)) {
						users.put(rows.getObject(1, UUID.class), normalised);
					}
				}
			}
		}
		return users;
	}

}
