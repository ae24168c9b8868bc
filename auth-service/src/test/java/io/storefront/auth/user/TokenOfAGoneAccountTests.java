package io.storefront.auth.user;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthApi.Tokens;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.auth.TokenForgery;
import io.storefront.auth.key.SigningKeys;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed token whose account is gone, or whose subject is no account at all, is an
 * invalid token on every route and whatever the method: the account routes answer it as
 * they answer a tampered token (401 before a wrong method's 405 or a malformed id's 422),
 * and logout passes over it as over any token that does not count.
 */
@ExtendWith(ApiTraffic.Checked.class)
class TokenOfAGoneAccountTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "gone-account-1";

	@Autowired
	SigningKeys keys;

	@Test
	void theAccountRoutesAnswerItAsATamperedTokenWhateverTheMethodOrId() {
		AuthApi api = api();
		Tokens gone = goneAccountsTokens(api);
		String other = api.registered(AuthApi.uniqueEmail("survivor"), PASSWORD).get("id").asString();
		String noAccount = TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
				TokenForgery.claims("not-a-user-id", Duration.ZERO, Duration.ofMinutes(15)).build());
		String tampered = TokenForgery.tampered(gone.accessToken());

		SoftAssertions softly = new SoftAssertions();
		for (String path : List.of("/auth/me", "/auth/users/" + other, "/auth/users/not-a-uuid")) {
			for (String method : List.of("GET", "DELETE", "POST", "PUT", "PATCH")) {
				Response invalid = api.send(method, path, "application/json", "{}", tampered);
				for (String token : List.of(gone.accessToken(), noAccount)) {
					Response response = api.send(method, path, "application/json", "{}", token);
					String what = method + " " + path + (token.equals(noAccount) ? " (sub not a user id)" : "");
					softly.assertThat(response.status()).as(what).isEqualTo(401);
					softly.assertThat(response.body()).as(what).isEqualTo(invalid.body());
					softly.assertThat(response.header("WWW-Authenticate"))
						.as(what)
						.isEqualTo(invalid.header("WWW-Authenticate"));
				}
			}
		}
		softly.assertAll();
	}

	@Test
	void logoutPassesOverItAsOverAnExpiredToken() {
		AuthApi api = api();
		Tokens gone = goneAccountsTokens(api);
		Response tampered = api.post("/auth/logout", "{}", TokenForgery.tampered(gone.accessToken()));

		Response bearerOnly = api.post("/auth/logout", "{}", gone.accessToken());

		assertThat(bearerOnly.problem(422).get("errors")).isEqualTo(tampered.problem(422).get("errors"));
		assertThat(api.post("/auth/logout", AuthApi.object("refresh_token", gone.refreshToken()), gone.accessToken())
			.status()).as("a refresh token, though unknown, is logged out idempotently").isEqualTo(204);
	}

	private Tokens goneAccountsTokens(AuthApi api) {
		String email = AuthApi.uniqueEmail("gone");
		UUID id = UUID.fromString(api.registered(email, PASSWORD).get("id").asString());
		Tokens tokens = api.loggedIn(email, PASSWORD);
		assertThat(api.me(tokens.accessToken()).status()).isEqualTo(200);
		this.jdbc.sql("DELETE FROM users WHERE id = :id").param("id", id).update();
		return tokens;
	}

}
