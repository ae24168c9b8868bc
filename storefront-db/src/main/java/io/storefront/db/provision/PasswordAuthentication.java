package io.storefront.db.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For a PostgreSQL server Storefront starts itself (the dev launcher's, the tests'): such a server is
 * initialised trusting every local login, which would let a wrong password through. As in production,
 * the services' roles must present their passwords (SCRAM); only the {@code postgres} superuser keeps
 * password-less access from this machine, for provisioning.
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

	private PasswordAuthentication() {
	}

	/** Installs the rules in the running server behind {@code admin} and reloads its configuration. */
	public static void require(AdminConnection admin) throws SQLException, IOException {
		try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
			Path rulesFile;
			try (ResultSet row = statement.executeQuery("SHOW hba_file")) {
				row.next();
				rulesFile = Path.of(row.getString(1));
			}
			if (Files.readString(rulesFile, StandardCharsets.UTF_8).equals(RULES)) {
				return;
			}
			Files.writeString(rulesFile, RULES, StandardCharsets.UTF_8);
			statement.execute("SELECT pg_reload_conf()");
		}
	}

}
