package io.storefront.auth.admin;

import java.util.Optional;
import java.util.function.Function;

import io.storefront.auth.user.EmailAddress;
import io.storefront.auth.user.PasswordPolicy;
import io.storefront.db.config.InvalidSettingException;

/**
 * The administrator account from {@code AUTH_ADMIN_EMAIL} / {@code AUTH_ADMIN_PASSWORD}:
 * both or neither, a valid email, a password the registration rules would accept. A bad
 * value stops start-up naming the variable and never quoting the password.
 * {@link #toString()} never shows the password.
 */
record AdminAccountSettings(String email, String password) {

	static final String AUTH_ADMIN_EMAIL = "AUTH_ADMIN_EMAIL";

	static final String AUTH_ADMIN_PASSWORD = "AUTH_ADMIN_PASSWORD";

	/**
	 * @param variables looks a variable up by name; {@code null} or blank means unset
	 */
	static Optional<AdminAccountSettings> read(Function<String, String> variables) {
		String email = variables.apply(AUTH_ADMIN_EMAIL);
		String password = variables.apply(AUTH_ADMIN_PASSWORD);
		boolean emailSet = email != null && !email.isBlank();
		// Like DATABASE_PASSWORD, the password is taken exactly as given, spaces
		// included.
		boolean passwordSet = password != null && !password.isEmpty();
		if (!emailSet && !passwordSet) {
			return Optional.empty();
		}
		if (!emailSet) {
			throw new InvalidSettingException(AUTH_ADMIN_EMAIL, "must be set when AUTH_ADMIN_PASSWORD is");
		}
		if (!passwordSet) {
			throw new InvalidSettingException(AUTH_ADMIN_PASSWORD, "must be set when AUTH_ADMIN_EMAIL is");
		}
		if (!EmailAddress.isValid(email)) {
			throw new InvalidSettingException(AUTH_ADMIN_EMAIL, "must be an email address such as admin@example.com");
		}
		PasswordPolicy.problem(password).ifPresent((problem) -> {
			throw new InvalidSettingException(AUTH_ADMIN_PASSWORD, problem);
		});
		return Optional.of(new AdminAccountSettings(EmailAddress.normalise(email), password));
	}

	@Override
	public String toString() {
		return "AdminAccountSettings[email=" + this.email + ", password=******]";
	}

}
