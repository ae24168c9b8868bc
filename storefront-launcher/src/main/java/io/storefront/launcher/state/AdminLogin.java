package io.storefront.launcher.state;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.db.provision.Passwords;

/**
 * The dev data's admin account, generated on the first {@code up} and kept in
 * {@code admin.env} (mode 600) so it stays the same across runs. {@link #toString()}
 * hides the password.
 */
public record AdminLogin(String email, String password) {

	public static final String EMAIL = "AUTH_ADMIN_EMAIL";

	public static final String PASSWORD = "AUTH_ADMIN_PASSWORD";

	public static final String DEFAULT_EMAIL = "admin@storefront.local";

	public static AdminLogin loadOrCreate(Path file) {
		Map<String, String> existing = EnvFile.read(file);
		String email = existing.getOrDefault(EMAIL, "");
		String password = existing.getOrDefault(PASSWORD, "");
		if (!email.isBlank() && !password.isBlank()) {
			return new AdminLogin(email, password);
		}
		AdminLogin login = new AdminLogin(email.isBlank() ? DEFAULT_EMAIL : email,
				password.isBlank() ? Passwords.generate() : password);
		Map<String, String> values = new LinkedHashMap<>();
		values.put(EMAIL, login.email());
		values.put(PASSWORD, login.password());
		EnvFile.write(file, values,
				List.of("Admin account of the dev data, created by ./storefront up; kept across runs.",
						"Secret: keep this file private (mode 600)."));
		return login;
	}

	@Override
	public String toString() {
		return "AdminLogin[" + this.email + ", password=******]";
	}

}
