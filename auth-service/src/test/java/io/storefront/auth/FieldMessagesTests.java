package io.storefront.auth;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.storefront.auth.AuthApi.Response;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client reads beside the field a 422 names, in the words every service uses. Bean
 * Validation's defaults said "size must be between 0 and 200", and a missing email "must
 * not be null" at registration but "must not be blank" at login. One mistake is one
 * message: an empty email at login was told both "must be 1 to 254 characters" and "must
 * not be blank".
 */
@ExtendWith(ApiTraffic.Checked.class)
class FieldMessagesTests extends AuthServiceTestSupport {

	@ParameterizedTest(name = "{0} {1} -> {3}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/auth/register | '{"password": "correct horse"}'                        | email         | is required
					/auth/register | '{"email": "ann@example.com"}'                        | password      | is required
					/auth/register | '{"email": "ann@example.com", "password": "correct horse", "full_name": "{201}"}' | full_name | must be at most 200 characters
					/auth/register | '{"email": 7, "password": "correct horse"}'            | email         | must be a string
					/auth/login    | '{"password": "correct horse"}'                        | email         | is required
					/auth/login    | '{"email": "{255}", "password": "correct horse"}'      | email         | must be at most 254 characters
					/auth/login    | '{"email": "", "password": "correct horse"}'           | email         | must not be blank
					/auth/login    | '{"email": "  ", "password": "correct horse"}'         | email         | must not be blank
					/auth/refresh  | '{}'                                                   | refresh_token | is required
					/auth/refresh  | '{"refresh_token": "  "}'                              | refresh_token | must not be blank
					/auth/refresh  | '{"refresh_token": ""}'                                | refresh_token | must not be blank
					/auth/refresh  | '{"refresh_token": "{513}"}'                           | refresh_token | must be at most 512 characters
					/auth/logout   | '{"refresh_token": "{513}"}'                           | refresh_token | must be at most 512 characters
					""")
	void aRefusedFieldIsToldWhatItMustBe(String path, String body, String field, String message) {
		Response refused = api().post(path, expand(body));

		JsonNode errors = refused.problem(422).get("errors");
		assertThat(errors).as(refused.body()).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
		assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
	}

	/** {@code {N}} stands for N letters. */
	private static String expand(String body) {
		return java.util.regex.Pattern.compile("\\{(\\d+)}")
			.matcher(body)
			.replaceAll((number) -> "x".repeat(Integer.parseInt(number.group(1))));
	}

}
