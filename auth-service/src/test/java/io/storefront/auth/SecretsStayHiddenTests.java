package io.storefront.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.auth.AuthApi.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords and tokens are never stored in clear, never logged, never echoed in an error.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "Tr0ub4dor&3-unique-7d1f";

	@Test
	void thePasswordIsStoredOnlyAsABcryptHash() {
		String email = AuthApi.uniqueEmail("hash");
		api().registered(email, PASSWORD);

		String hash = this.jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$2a$10$").hasSize(60).doesNotContain(PASSWORD);
		String wholeRow = this.jdbc.sql("SELECT u::text FROM users u WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
		assertThat(wholeRow).doesNotContain(PASSWORD);

		String other = AuthApi.uniqueEmail("hash-salt");
		api().registered(other, PASSWORD);
		assertThat(this.jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
			.param("email", other)
			.query(String.class)
			.single()).as("salted: the same password hashes differently").isNotEqualTo(hash);
	}

	@Test
	void refreshTokensAreStoredOnlyAsSha256() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("token-hash");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);

		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM refresh_tokens t
				WHERE t::text LIKE '%' || :token || '%' OR encode(t.token_hash, 'escape') = :token
				""").param("token", tokens.refreshToken()).query(Long.class).single()).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
			.param("token", tokens.refreshToken())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void noPasswordOrTokenReachesTheLogs(CapturedOutput output) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("logs");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);
		Tokens next = api.refresh(tokens.refreshToken()).tokens();
		api.refresh(tokens.refreshToken()).problem(401);
		api.login(email, PASSWORD + "-wrong").problem(401);
		api.login(AuthApi.uniqueEmail("unknown"), PASSWORD).problem(401);
		api.register(email, PASSWORD).problem(409);
		api.register(AuthApi.uniqueEmail("short"), "Tr0ub4").problem(422);
		api.post("/auth/register", "{\"email\": \"x@example.com\", \"password\": \"" + PASSWORD + "\" oops}")
			.problem(400);
		api.me(tokens.accessToken() + "x").problem(401);
		api.post("/auth/logout", AuthApi.object("refresh_token", next.refreshToken()));

		assertThat(output.getAll()).isNotEmpty()
			.doesNotContain(PASSWORD)
			.doesNotContain("Tr0ub4\"")
			.doesNotContain(tokens.refreshToken())
			.doesNotContain(next.refreshToken())
			.doesNotContain(tokens.accessToken())
			.doesNotContain(next.accessToken());
	}

	@Test
	void usersAreLoggedByIdNeverByEmailOrPasswordHash(CapturedOutput output) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("logged-by-id");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);
		api.refresh(tokens.refreshToken()).tokens();
		api.refresh(tokens.refreshToken()).problem(401);
		api.login(email, PASSWORD + "-wrong").problem(401);
		api.register(email, PASSWORD).problem(409);
		String hash = this.jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
		String userId = this.jdbc.sql("SELECT id::text FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();

		assertThat(output.getAll()).as("the registration, the login and the reused refresh token are logged")
			.contains("user_id=" + userId)
			.contains("revoked its whole family: user_id=" + userId)
			.doesNotContain(email)
			.doesNotContain(email.substring(0, email.indexOf('@')))
			.doesNotContain(hash)
			.doesNotContain(hash.substring(7));
	}

	@Test
	void errorsNeverEchoThePassword() {
		AuthApi api = api();
		assertThat(api.register(AuthApi.uniqueEmail("echo"), "Tr0ub4").problem(422).toString())
			.doesNotContain("Tr0ub4");
		String malformed = "{\"email\": \"x@example.com\", \"password\": \"" + PASSWORD + "\" oops}";
		assertThat(api.post("/auth/register", malformed).problem(400).toString()).doesNotContain(PASSWORD);
		assertThat(api.login("x@example.com", PASSWORD).problem(401).toString()).doesNotContain(PASSWORD);
	}

}
