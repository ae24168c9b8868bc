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

import org.springframework.stereotype.Component;

/**
 * V6: emails are now stored with their domain in Unicode
 * ({@link EmailAddress#normalise}), so an account registered as
 * {@code ann@xn--exmple-cua.com} is looked up as {@code ann@exämple.com} and could no
 * longer log in. Rewrite what was stored, unless the new spelling already belongs to
 * another account: then both stay as they are (the Unicode one is the one logins reach),
 * and an operator decides, as V5 does. In Java, since decoding IDNA needs
 * {@link java.net.IDN}, which SQL lacks.
 */
@Component
class UnicodeEmailDomainsMigration implements JavaMigration {

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("6");
	}

	@Override
	public String getDescription() {
		return "unicode email domains";
	}

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
		for (Map.Entry<UUID, String> user : usersWithAsciiDomainLabels(connection).entrySet()) {
			try (PreparedStatement update = connection.prepareStatement("UPDATE users SET email = ? WHERE id = ? "
					+ "AND NOT EXISTS (SELECT 1 FROM users o WHERE o.email = ?)")) {
				String email = EmailAddress.normalise(user.getValue());
				update.setString(1, email);
				update.setObject(2, user.getKey());
				update.setString(3, email);
				update.executeUpdate();
			}
		}
	}

	private static Map<UUID, String> usersWithAsciiDomainLabels(Connection connection) throws SQLException {
		Map<UUID, String> users = new LinkedHashMap<>();
		try (PreparedStatement select = connection
			.prepareStatement("SELECT id, email FROM users WHERE email ~ '@(.*\\.)?xn--'");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				users.put(rows.getObject(1, UUID.class), rows.getString(2));
			}
		}
		return users;
	}

}
