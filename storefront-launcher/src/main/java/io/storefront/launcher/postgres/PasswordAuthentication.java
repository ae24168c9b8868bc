package io.storefront.launcher.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.storefront.db.provision.AdminConnection;

/**
 * The embedded server is initialised trusting every local login; the services' roles must present
 * their passwords as they would in production, so a wrong env file fails here too. Only the superuser
 * keeps password-less access, from this machine, for the launcher's own provisioning.
 */
final class PasswordAuthentication {

	static final String MARKER = "# storefront: service roles need their passwords";

	private static final String HBA = MARKER + """

			local all postgres trust
			host  all postgres 127.0.0.1/32 trust
			host  all postgres ::1/128 trust
			local all all scram-sha-256
			host  all all 127.0.0.1/32 scram-sha-256
			host  all all ::1/128 scram-sha-256
			""";

	private PasswordAuthentication() {
	}

	static void require(AdminConnection admin) throws SQLException, IOException {
		try (Connection connection = admin.open(); Statement statement = connection.createStatement()) {
			Path hbaFile;
			try (ResultSet row = statement.executeQuery("SHOW hba_file")) {
				row.next();
				hbaFile = Path.of(row.getString(1));
			}
			if (Files.readString(hbaFile, StandardCharsets.UTF_8).startsWith(MARKER)) {
				return;
			}
			Files.writeString(hbaFile, HBA, StandardCharsets.UTF_8);
			statement.execute("SELECT pg_reload_conf()");
		}
	}

}
