package io.storefront.auth.admin;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminAccountSettingsTests {

	@Test
	void noAdministratorWhenNeitherVariableIsSet() {
		assertThat(AdminAccountSettings.read(variables(null, null))).isEmpty();
		assertThat(AdminAccountSettings.read(variables(" ", ""))).isEmpty();
	}

	@Test
	void theEmailIsNormalisedAndThePasswordKeptExactly() {
		assertThat(AdminAccountSettings.read(variables(" Admin@Example.COM ", " spaced password ")))
			.hasValueSatisfying((settings) -> {
				assertThat(settings.email()).isEqualTo("admin@example.com");
				assertThat(settings.password()).isEqualTo(" spaced password ");
				assertThat(settings.toString()).doesNotContain("spaced");
			});
	}

	@ParameterizedTest(name = "email={0} password={1} -> {2}")
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "admin@example.com | null              | AUTH_ADMIN_PASSWORD",
					"null              | long-secret-value | AUTH_ADMIN_EMAIL",
					"not-an-email      | long-secret-value | AUTH_ADMIN_EMAIL",
					"admin@localhost   | long-secret-value | AUTH_ADMIN_EMAIL",
					"admin@example.com | short7!           | AUTH_ADMIN_PASSWORD" })
	void badSettingsNameTheVariableAndNeverThePassword(String email, String password, String variable) {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> AdminAccountSettings.read(variables(email, password)))
			.satisfies((ex) -> assertThat(ex.variable()).isEqualTo(variable))
			.withMessageContaining(variable)
			.withMessageNotContaining("long-secret-value")
			.withMessageNotContaining("short7!");
	}

	@Test
	void aPasswordOfOnlyWhiteSpaceIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> AdminAccountSettings.read(variables("admin@example.com", " ".repeat(12))))
			.withMessage(
					"invalid configuration: AUTH_ADMIN_PASSWORD must not be only white space or invisible characters");
	}

	@Test
	void aPasswordBcryptWouldTruncateIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> AdminAccountSettings.read(variables("admin@example.com", "p".repeat(73))))
			.withMessageContaining("AUTH_ADMIN_PASSWORD")
			.withMessageContaining("72 bytes");
	}

	private static java.util.function.Function<String, String> variables(String email, String password) {
		Map<String, String> values = new HashMap<>();
		values.put("AUTH_ADMIN_EMAIL", email);
		values.put("AUTH_ADMIN_PASSWORD", password);
		return values::get;
	}

}
