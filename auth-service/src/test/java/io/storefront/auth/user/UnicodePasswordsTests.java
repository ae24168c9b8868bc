package io.storefront.auth.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password is one password however its characters are composed: NFKC before hashing and
 * before checking. Accounts hashed before that still log in with what they typed.
 */
@ExtendWith(ApiTraffic.Checked.class)
class UnicodePasswordsTests extends AuthServiceTestSupport {

	private static final String COMPOSED = "pass\u00e9word";

	private static final String DECOMPOSED = "passe\u0301word";

	@Test
	void aPasswordLogsInHoweverItsAccentsAreComposed() {
		String email = AuthApi.uniqueEmail("composed");
		api().registered(email, COMPOSED);

		assertThat(api().login(email, DECOMPOSED).status()).isEqualTo(200);
		assertThat(api().login(email, COMPOSED).status()).isEqualTo(200);
		api().login(email, "password").problem(401);
	}

	@Test
	void anAccountHashedBeforeNormalisingStillLogsInWithWhatItTyped() {
		String email = AuthApi.uniqueEmail("legacy");
		api().registered(email, "placeholder-password");
		// As the service hashed before: the password exactly as it was sent.
		this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE email = :email")
			.param("hash", new BCryptPasswordEncoder(PasswordHasher.COST).encode(DECOMPOSED))
			.param("email", email)
			.update();

		assertThat(api().login(email, DECOMPOSED).status()).isEqualTo(200);
		api().login(email, "passe\u0301wort").problem(401);
	}

	@Test
	void theLengthLimitsApplyToTheNormalisedPassword() {
		// Eight characters of 3 bytes each as sent; U+FDFA is 18 characters in NFKC.
		JsonNode tooLong = api().register(AuthApi.uniqueEmail("ligature"), "\ufdfa".repeat(8)).problem(422);
		assertThat(tooLong.get("errors").toString()).contains("password", "must be at most 72 bytes in UTF-8");
		// Eight code points as sent, four once composed.
		JsonNode tooShort = api().register(AuthApi.uniqueEmail("short"), "e\u0301".repeat(4)).problem(422);
		assertThat(tooShort.get("errors").toString()).contains("password", "must be at least 8 characters");
	}

	@Test
	void aPasswordOfOnlyWhiteSpaceIsRefusedAsAShortOneIs() {
		for (String blank : new String[] { " ".repeat(8), "\u3000".repeat(8), "\u200b".repeat(12) }) {
			JsonNode refused = api().register(AuthApi.uniqueEmail("blank"), blank).problem(422);
			assertThat(refused.get("errors")).hasSize(1);
			assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("password");
			assertThat(refused.get("errors").get(0).get("message").asString())
				.isEqualTo("must not be only white space or invisible characters");
		}
	}

}
