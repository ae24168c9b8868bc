package io.storefront.auth.key;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthApi.Tokens;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.auth.TokenForgery;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRejectionTests extends AuthServiceTestSupport {

	private static final TestTokens strangers = TestTokens.start();

	@Autowired
	SigningKeys keys;

	@AfterAll
	static void stopStrangers() {
		strangers.close();
	}

	enum BadToken {

		MISSING((context) -> null), GARBAGE((context) -> "not-a-jwt"),
		TAMPERED((context) -> TokenForgery.tampered(context.genuine())),
		EXPIRED((context) -> TokenForgery.sign(context.key(), context.key().getKeyID(),
				TokenForgery.claims(context.subject(), Duration.ofMinutes(20), Duration.ofMinutes(15)).build())),
		NOT_YET_VALID((context) -> TokenForgery.sign(context.key(), context.key().getKeyID(),
				TokenForgery.claims(context.subject(), Duration.ofMinutes(-10), Duration.ofMinutes(15))
					.notBeforeTime(new java.util.Date(System.currentTimeMillis() + 600_000))
					.build())),
		ALG_NONE((context) -> strangers.algNone(context.subject())),
		UNKNOWN_KEY((context) -> strangers.signedByUnknownKey(context.subject())),
		OUR_KID_ANOTHER_KEY((context) -> TokenForgery.sign(TokenForgeryKeys.OTHER, context.key().getKeyID(),
				TokenForgery.claims(context.subject(), Duration.ZERO, Duration.ofMinutes(15)).build())),
		HMAC_WITH_PUBLIC_KEY((context) -> TokenForgery.hmacWithPublicKey(context.key(),
				TokenForgery.claims(context.subject(), Duration.ZERO, Duration.ofMinutes(15)).build())),
		WRONG_ISSUER((context) -> TokenForgery.sign(context.key(), context.key().getKeyID(),
				TokenForgery.claims(context.subject(), Duration.ZERO, Duration.ofMinutes(15))
					.issuer("someone-else")
					.build())),
		SUBJECT_NOT_A_USER_ID((context) -> TokenForgery.sign(context.key(), context.key().getKeyID(),
				TokenForgery.claims("admin", Duration.ZERO, Duration.ofMinutes(15)).build())),
		SUBJECT_UNKNOWN((context) -> TokenForgery.sign(context.key(), context.key().getKeyID(),
				TokenForgery.claims(UUID.randomUUID().toString(), Duration.ZERO, Duration.ofMinutes(15)).build())),
		PADDED((context) -> TestTokens.otherSpellings(context.genuine()).get(1)),
		SIGNATURE_RESPELLED((context) -> TestTokens.otherSpellings(context.genuine()).get(3)),
		// not even read as a token: Spring's resolver calls the header malformed
		EMPTY((context) -> ""), TWO_WORDS((context) -> "a b"), NOT_A_TOKEN_CHARACTER((context) -> "é");

		final Function<Context, String> token;

		BadToken(Function<Context, String> token) {
			this.token = token;
		}

	}

	record Context(RSAKey key, String subject, String genuine) {
	}

	@ParameterizedTest
	@EnumSource(BadToken.class)
	void meRefusesTokensItDidNotIssueOrThatNoLongerCount(BadToken bad) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("reject");
		String subject = api.registered(email, "rejection-password").get("id").asString();
		String genuine = api.loggedIn(email, "rejection-password").accessToken();
		assertThat(api.me(genuine).status()).as("the genuine token works").isEqualTo(200);

		Response response = api.me(bad.token.apply(new Context(this.keys.signingKey(), subject, genuine)));

		response.problem(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		if (bad != BadToken.MISSING) {
			String tamperedChallenge = api.me(TokenForgery.tampered(genuine)).header("WWW-Authenticate");
			assertThat(tamperedChallenge).as("no reason beyond the problem's")
				.startsWith(
						"Bearer error=\"invalid_token\", error_description=\"the bearer token is invalid or expired\"")
				.contains("error_uri=", "resource_metadata=");
			assertThat(response.header("WWW-Authenticate")).as("the challenge every invalid token gets")
				.isEqualTo(tamperedChallenge);
		}
	}

	/**
	 * Logging in is how a client with a token that no longer counts gets a new one, so a
	 * bearer sent along by habit, whatever is wrong with it, is ignored there.
	 */
	@ParameterizedTest
	@EnumSource(BadToken.class)
	void loginIgnoresABearerThatDoesNotCount(BadToken bad) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("lenient");
		String subject = api.registered(email, "lenient-password").get("id").asString();
		String genuine = api.loggedIn(email, "lenient-password").accessToken();

		Response response = api.post("/auth/login", AuthApi.object("email", email, "password", "lenient-password"),
				bad.token.apply(new Context(this.keys.signingKey(), subject, genuine)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	/**
	 * A genuine token whose {@code sub} is not a user id names no account to read, its
	 * own or, with the admin role, another's: it is refused as an invalid token is, with
	 * the same problem and challenge as a tampered one, not as a user refused someone
	 * else's account (403).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "admin", "1-1-1-1-1", "not a user id" })
	void aTokenWhoseSubjectIsNotAUserIdIsAnInvalidToken(String subject) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("subject");
		String id = api.registered(email, "subject-password").get("id").asString();
		String genuine = api.loggedIn(email, "subject-password").accessToken();
		Response tampered = api.me(TokenForgery.tampered(genuine));

		for (List<String> roles : List.of(List.of("user"), List.of("user", "admin"))) {
			String token = TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
					TokenForgery.claims(subject, Duration.ZERO, Duration.ofMinutes(15)).claim("roles", roles).build());
			for (String path : List.of("/auth/me", "/auth/users/" + id)) {
				Response response = api.get(path, token);

				JsonNode problem = response.problem(401);
				assertThat(problem.path("detail").asString()).as("%s %s", path, roles)
					.isEqualTo(tampered.json().path("detail").asString());
				assertThat(response.header("WWW-Authenticate")).as("%s %s", path, roles)
					.isEqualTo(tampered.header("WWW-Authenticate"));
			}
		}
	}

	/**
	 * Logout passes over a bearer that does not count, as login does: a token whose
	 * {@code sub} is not a user id ends no session, and without a refresh token there is
	 * nothing to log out, as with an expired bearer.
	 */
	@Test
	void logoutPassesOverATokenWhoseSubjectIsNotAUserId() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("logout-subject");
		api.registered(email, "subject-password");
		Tokens session = api.loggedIn(email, "subject-password");
		String notAUser = TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
				TokenForgery.claims("admin", Duration.ZERO, Duration.ofMinutes(15)).build());

		Response alone = api.send("POST", "/auth/logout", null, null, notAUser);
		Response withRefreshToken = api.post("/auth/logout", AuthApi.object("refresh_token", session.refreshToken()),
				notAUser);

		assertThat(alone.problem(422).path("errors").get(0).path("field").asString()).isEqualTo("refresh_token");
		assertThat(withRefreshToken.status()).as(withRefreshToken.body()).isEqualTo(204);
		api.refresh(session.refreshToken()).problem(401);
	}

	/**
	 * A key the service never had, for forging a token that names the service's own key
	 * id.
	 */
	static final class TokenForgeryKeys {

		static final RSAKey OTHER = RsaKeys.generate();

	}

}
