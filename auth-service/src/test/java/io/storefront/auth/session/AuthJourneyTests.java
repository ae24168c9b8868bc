package io.storefront.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthApi.Tokens;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.auth.TokenForgery;
import io.storefront.auth.key.AccessTokenIssuer;
import io.storefront.auth.key.SigningKeys;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApiTraffic.Checked.class)
class AuthJourneyTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "journey-password-1";

	@Autowired
	SigningKeys keys;

	@Autowired
	AccessTokenIssuer accessTokens;

	@Test
	void registerLoginMeRefreshReuseAndLogout() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("journey");

		Response registered = api.post("/auth/register", AuthApi.object("email", "  " + email.toUpperCase() + " ",
				"password", PASSWORD, "full_name", "Jo Urney"));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		JsonNode user = registered.json();
		UUID id = UUID.fromString(user.get("id").asString());
		assertThat(user.get("email").asString()).isEqualTo(email);
		assertThat(user.get("full_name").asString()).isEqualTo("Jo Urney");
		assertThat(user.get("roles").toString()).isEqualTo("[\"user\"]");
		assertThat(Instant.parse(user.get("created_at").asString())).isBefore(Instant.now().plusSeconds(5));
		assertThat(user.has("password")).isFalse();
		assertThat(user.has("password_hash")).isFalse();
		assertThat(registered.header("Location")).isEqualTo("/auth/users/" + id);

		Response login = api.login(email, PASSWORD);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.json().get("token_type").asString()).isEqualTo("bearer");
		assertThat(login.json().get("expires_in").asLong()).isEqualTo(900);
		assertThat(login.header("Cache-Control")).contains("no-store");
		Tokens first = login.tokens();
		assertThat(first.refreshToken()).hasSizeGreaterThanOrEqualTo(43);

		Response me = api.me(first.accessToken());
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json()).isEqualTo(user);

		// Each refreshed token is itself refreshed: a chain of three rotations, every
		// link usable.
		List<Tokens> chain = new ArrayList<>(List.of(first));
		for (int i = 0; i < 3; i++) {
			Tokens previous = chain.getLast();
			Response refreshed = api.refresh(previous.refreshToken());
			assertThat(refreshed.status()).as("refresh %d: %s", i + 1, refreshed.body()).isEqualTo(200);
			Tokens next = refreshed.tokens();
			assertThat(next.refreshToken()).isNotEqualTo(previous.refreshToken());
			assertThat(next.accessToken()).isNotEqualTo(previous.accessToken());
			assertThat(api.me(next.accessToken()).json()).isEqualTo(user);
			chain.add(next);
		}

		// A used token from the middle of the chain stops working, and presenting it
		// again revokes the
		// family: the newest token, never used, stops working too.
		api.refresh(chain.get(1).refreshToken()).problem(401);
		api.refresh(chain.getLast().refreshToken()).problem(401);

		Tokens session = api.loggedIn(email, PASSWORD);
		Response logout = api.post("/auth/logout", AuthApi.object("refresh_token", session.refreshToken()));
		assertThat(logout.status()).as(logout.body()).isEqualTo(204);
		api.refresh(session.refreshToken()).problem(401);
		assertThat(api.post("/auth/logout", AuthApi.object("refresh_token", session.refreshToken())).status())
			.as("logout is idempotent")
			.isEqualTo(204);
	}

	@Test
	void aClientCannotGiveItselfRolesOrAnIdWhenRegistering() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("sneaky");
		UUID chosen = UUID.randomUUID();

		Response registered = api.post("/auth/register", AuthApi.object("email", email, "password", PASSWORD, "roles",
				List.of("user", "admin"), "id", chosen.toString(), "password_hash", "$2a$10$x"));

		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		assertThat(registered.json().get("roles").toString()).isEqualTo("[\"user\"]");
		assertThat(registered.json().get("id").asString()).isNotEqualTo(chosen.toString());
		assertThat(api.login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void sqlLookingValuesAreStoredAndReturnedLiterally() {
		AuthApi api = api();
		String email = "x'or'1'='1-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String fullName = "Robert'); DROP TABLE users;--";
		String password = "' OR '1'='1' --";

		Response registered = api.post("/auth/register",
				AuthApi.object("email", email, "password", password, "full_name", fullName));

		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Tokens tokens = api.loggedIn(email, password);
		JsonNode me = api.me(tokens.accessToken()).json();
		assertThat(me.get("email").asString()).isEqualTo(email);
		assertThat(me.get("full_name").asString()).isEqualTo(fullName);
		api.login(email, "' OR 1=1 --").problem(401);
		// The users table is still there, holding exactly this account with its name as
		// sent.
		assertThat(this.jdbc.sql("SELECT full_name FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.list()).containsExactly(fullName);
	}

	@Test
	void reusingATokenRevokesOnlyItsOwnFamily() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("families");
		api.registered(email, PASSWORD);
		Tokens phone = api.loggedIn(email, PASSWORD);
		Tokens laptop = api.loggedIn(email, PASSWORD);

		Tokens phoneNext = api.refresh(phone.refreshToken()).tokens();
		api.refresh(phone.refreshToken()).problem(401);

		api.refresh(phoneNext.refreshToken()).problem(401);
		Response laptopRefresh = api.refresh(laptop.refreshToken());
		assertThat(laptopRefresh.status()).as(laptopRefresh.body()).isEqualTo(200);
	}

	@Test
	void logoutWithOnlyABearerTokenEndsThatSession() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("bearer-logout");
		api.registered(email, PASSWORD);
		Tokens ended = api.loggedIn(email, PASSWORD);
		Tokens other = api.loggedIn(email, PASSWORD);

		Response logout = api.send("POST", "/auth/logout", null, null, ended.accessToken());
		assertThat(logout.status()).as(logout.body()).isEqualTo(204);

		api.refresh(ended.refreshToken()).problem(401);
		assertThat(api.refresh(other.refreshToken()).status()).isEqualTo(200);
	}

	/**
	 * A bearer token names the session it was issued in; a token that names another
	 * user's session (only the signing key could make one) must not end it.
	 */
	@Test
	void aBearerTokenEndsOnlyASessionOfItsOwnUser() {
		AuthApi api = api();
		String victimEmail = AuthApi.uniqueEmail("bearer-victim");
		api.registered(victimEmail, PASSWORD);
		Tokens victim = api.loggedIn(victimEmail, PASSWORD);
		String strangerEmail = AuthApi.uniqueEmail("bearer-stranger");
		UUID stranger = UUID.fromString(api.registered(strangerEmail, PASSWORD).get("id").asString());
		String namingTheVictimsSession = this.accessTokens.issue(stranger, strangerEmail, List.of("user"),
				familyOf(victim.refreshToken()));

		Response logout = api.send("POST", "/auth/logout", null, null, namingTheVictimsSession);

		assertThat(logout.status()).as(logout.body()).isEqualTo(204);
		Response refresh = api.refresh(victim.refreshToken());
		assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
	}

	/**
	 * A client that attaches its access token to every call, long after it expired, can
	 * still log in, refresh and end its session; the routes that need the token still
	 * refuse it.
	 */
	@Test
	void anExpiredAccessTokenSentAlongStopsNeitherLoginNorRefreshNorLogout() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("stale-bearer");
		String id = api.registered(email, PASSWORD).get("id").asString();
		Tokens session = api.loggedIn(email, PASSWORD);
		String expired = TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
				TokenForgery.claims(id, Duration.ofMinutes(30), Duration.ofMinutes(15)).build());

		Response login = api.post("/auth/login", AuthApi.object("email", email, "password", PASSWORD), expired);
		Response refresh = api.post("/auth/refresh", AuthApi.object("refresh_token", session.refreshToken()), expired);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
		String current = refresh.tokens().refreshToken();
		Response logout = api.post("/auth/logout", AuthApi.object("refresh_token", current), expired);

		assertThat(logout.status()).as(logout.body()).isEqualTo(204);
		api.refresh(current).problem(401);
		api.me(expired).problem(401);
		api.send("POST", "/auth/logout", null, null, expired).problem(422);
	}

	@Test
	void logoutOfAnUnknownTokenIsStillNoContent() {
		Response logout = api().post("/auth/logout", AuthApi.object("refresh_token", "never-issued"));
		assertThat(logout.status()).isEqualTo(204);
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameAnswer() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("oracle");
		api.registered(email, PASSWORD);

		JsonNode wrongPassword = api.login(email, PASSWORD + "x").problem(401);
		JsonNode unknownEmail = api.login(AuthApi.uniqueEmail("nobody"), PASSWORD).problem(401);

		assertThat(wrongPassword).isEqualTo(unknownEmail);
	}

	@Test
	void emailsAreOneAccountWhateverTheirCase() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("casing");
		api.registered(email, PASSWORD);

		api.register(email.toUpperCase(), PASSWORD).problem(409);
		assertThat(api.login("  " + email.toUpperCase(), PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void emailsAreOneAccountWhateverTheirComposition() {
		AuthApi api = api();
		String email = "J\u030c" + AuthApi.uniqueEmail("ohn");
		api.registered(email, PASSWORD);

		api.register("\u01f0" + email.substring(2), PASSWORD).problem(409);
		assertThat(api.login("j\u030c" + email.substring(2), PASSWORD).status()).isEqualTo(200);
		api.register(email.replace("@", "\u034f@"), PASSWORD).problem(422);
	}

	/**
	 * A token whose user is gone identifies no one, admin role or not: every route that
	 * needs a user refuses it exactly as a tampered token, so that its holder cannot tell
	 * that the signature was good.
	 */
	@Test
	void aTokenOfADeletedUserIsRefusedAsAnInvalidTokenIs() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("deleted");
		UUID id = UUID.fromString(api.registered(email, PASSWORD).get("id").asString());
		String otherEmail = AuthApi.uniqueEmail("survivor");
		String other = api.registered(otherEmail, PASSWORD).get("id").asString();
		Tokens tokens = api.loggedIn(email, PASSWORD);
		String tampered = TokenForgery.tampered(tokens.accessToken());
		String asAdmin = TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
				TokenForgery.claims(id.toString(), Duration.ZERO, Duration.ofMinutes(15))
					.claim("roles", List.of("user", "admin"))
					.build());
		assertThat(api.get("/auth/users/" + other, asAdmin).status()).as("the admin token works while its user is")
			.isEqualTo(200);

		this.jdbc.sql("DELETE FROM users WHERE id = :id").param("id", id).update();

		SoftAssertions softly = new SoftAssertions();
		for (String path : List.of("/auth/me", "/auth/users/" + id, "/auth/users/" + other)) {
			Response invalid = api.get(path, tampered);
			assertThat(invalid.problem(401).path("instance").asString()).isEqualTo(path);
			assertThat(invalid.header("WWW-Authenticate")).as("the challenge of an invalid token")
				.contains("error_uri=", "resource_metadata=");
			for (String token : List.of(tokens.accessToken(), asAdmin)) {
				Response response = api.get(path, token);
				String what = path + (token.equals(asAdmin) ? " as admin" : "");

				softly.assertThat(response.status()).as(what).isEqualTo(401);
				softly.assertThat(response.body()).as(what).isEqualTo(invalid.body());
				softly.assertThat(response.header("WWW-Authenticate"))
					.as(what)
					.isEqualTo(invalid.header("WWW-Authenticate"));
				softly.assertThat(response.header("Content-Type")).as(what).isEqualTo(invalid.header("Content-Type"));
			}
		}
		softly.assertAll();
		api.refresh(tokens.refreshToken()).problem(401);
	}

	@Test
	void anAccountIsReadableByItsOwnerAndAdminsOnly() {
		AuthApi api = api();
		String ownerEmail = AuthApi.uniqueEmail("owner");
		UUID owner = UUID.fromString(api.registered(ownerEmail, PASSWORD).get("id").asString());
		String strangerEmail = AuthApi.uniqueEmail("stranger");
		api.registered(strangerEmail, PASSWORD);

		String ownerToken = api.loggedIn(ownerEmail, PASSWORD).accessToken();
		String strangerToken = api.loggedIn(strangerEmail, PASSWORD).accessToken();
		String adminToken = api.loggedIn(ADMIN_EMAIL, ADMIN_PASSWORD).accessToken();

		assertThat(api.get("/auth/users/" + owner, ownerToken).json().get("email").asString()).isEqualTo(ownerEmail);
		AuthApi.Response stranger = api.get("/auth/users/" + owner, strangerToken);
		assertThat(stranger.problem(403).get("detail").asString())
			.isEqualTo("only the account's owner or an admin may read it");
		assertThat(stranger.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(api.get("/auth/users/" + owner, adminToken).status()).isEqualTo(200);
		api.get("/auth/users/" + UUID.randomUUID(), adminToken).problem(404);
		api.get("/auth/users/" + owner, null).problem(401);
	}

	private UUID familyOf(String refreshToken) {
		return this.jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = :hash")
			.param("hash", RefreshTokens.hash(refreshToken))
			.query(UUID.class)
			.single();
	}

}
