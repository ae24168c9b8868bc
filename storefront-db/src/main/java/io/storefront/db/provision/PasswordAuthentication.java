package io.storefront.db.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * For a PostgreSQL server Storefront starts itself (the dev launcher's, the tests'): such
 * a server is initialised trusting every local login, which would let a wrong password
 * through. As in production, the services' roles must present their passwords (SCRAM).
 * The tests' server keeps password-less access for the {@code postgres} superuser
 * ({@link #require}); the launcher's server gives it a password too
 * ({@link #requireOfEveryone}).
 */
public final class PasswordAuthentication {

	static final String RULES = """
			# Written by Storefront: service roles need their passwords.
			local all postgres               trust
			host  all postgres 127.0.0.1/32  trust
			host  all postgres ::1/128       trust
			local all all                    scram-sha-256
			host  all all      127.0.0.1/32  scram-sha-256
			host  all all      ::1/128       scram-sha-256
			""";

	static final String RULES_FOR_EVERYONE = """
			# Written by Storefront: every login, the superuser's included, needs its password.
			local all all               scram-sha-256
			host  all all 127.0.0.1/32  scram-sha-256
			host  all all ::1/128       scram-sha-256
			""";

	private PasswordAuthentication() {
	}

	/**
	 * Installs the rules in the running server behind {@code admin} and reloads its
	 * configuration.
	 */
	public static void require(AdminConnection admin) throws SQLException, IOException {
		try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
			install(statement, RULES);
		}
	}

	/**
	 * Gives the superuser {@code password} (as a SCRAM verifier) and then, in that order,
	 * makes every login present its password, so the superuser is never left without a
	 * way in.
	 */
	public static void requireOfEveryone(AdminConnection admin, String superuser, String password)
			throws SQLException, IOException {
		try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
			connection.unwrap(PGConnection.class).alterUserPassword(superuser, password.toCharArray(), "scram-sha-256");
			install(statement, RULES_FOR_EVERYONE);
		}
	}

	private static void install(Statement statement, String rules) throws SQLException, IOException {
		Path rulesFile;
		try (ResultSet row = statement.executeQuery("SHOW hba_file")) {
			row.next();
			rulesFile = Path.of(row.getString(1));
		}
		if (Files.readString(rulesFile, StandardCharsets.UTF_8).equals(rules)) {
			return;
		}
		Files.writeString(rulesFile, rules, StandardCharsets.UTF_8);
		statement.execute("SELECT pg_reload_conf()");
	}

}
