package io.storefront.launcher.state;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.db.provision.Passwords;

/**
 * The embedded PostgreSQL's superuser login, generated once and kept in
 * {@code postgres.env} (mode 600) as libpq's variables, so {@code psql} and
 * {@code pgbench} can use it too: {@code set -a; . .storefront/postgres.env; set +a}.
 * {@link #toString()} hides the password.
 */
public record PostgresSuperuser(String user, String password) {

	public static final String USER = "PGUSER";

	public static final String PASSWORD = "PGPASSWORD";

	public static final String DEFAULT_USER = "postgres";

	/** The login kept in {@code file}, if there is one. */
	public static Optional<PostgresSuperuser> load(Path file) {
		Map<String, String> existing = EnvFile.read(file);
		String password = existing.getOrDefault(PASSWORD, "");
		if (password.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new PostgresSuperuser(existing.getOrDefault(USER, DEFAULT_USER), password));
	}

	/**
	 * A new login, written to {@code file} before any server is told about it, so it is
	 * never lost.
	 */
	public static PostgresSuperuser create(Path file) {
		PostgresSuperuser login = new PostgresSuperuser(DEFAULT_USER, Passwords.generate());
		Map<String, String> values = new LinkedHashMap<>();
		values.put(USER, login.user());
		values.put(PASSWORD, login.password());
		EnvFile.write(file, values, List.of(
				"Superuser of the embedded PostgreSQL, created by ./storefront up; kept across runs.",
				"Secret: keep this file private (mode 600). Without it the data in pgdata cannot be administered."));
		return login;
	}

	@Override
	public String toString() {
		return "PostgresSuperuser[" + this.user + ", password=******]";
	}

}
