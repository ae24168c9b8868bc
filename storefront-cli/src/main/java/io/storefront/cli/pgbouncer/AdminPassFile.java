package io.storefront.cli.pgbouncer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.storefront.cli.envfile.EnvFile;

/**
 * The console admin's password, the one secret PgBouncer's files need in clear, kept
 * apart in a {@code .pgpass} line ({@code host:port:pgbouncer:user:password}, mode 600)
 * so that {@code PGPASSFILE=… psql -h 127.0.0.1 -p PORT -U pgbouncer_admin pgbouncer}
 * logs in without typing it.
 */
final class AdminPassFile {

	private AdminPassFile() {
	}

	/** The password an earlier run wrote for {@code user}, if any. */
	static Optional<String> read(Path file, String user) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String[] fields = line.split(":", 5);
				if (fields.length == 5 && fields[2].equals("pgbouncer") && fields[3].equals(user)
						&& !fields[4].isEmpty()) {
					return Optional.of(fields[4]);
				}
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Generated passwords are letters and digits, so nothing needs escaping. */
	static void write(Path file, int port, String user, String password) {
		EnvFile.writePrivately(file,
				PgBouncerConfig.LISTEN_ADDRESS + ":" + port + ":pgbouncer:" + user + ":" + password + "\n");
	}

}
