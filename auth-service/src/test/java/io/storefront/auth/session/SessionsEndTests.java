package io.storefront.auth.session;

import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Tokens;
import io.storefront.auth.AuthServiceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsEndTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "sessions-end-password-1";

	@Test
	void changingAPasswordEndsEverySessionOfThatUserOnly() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("password-change");
		String bystander = AuthApi.uniqueEmail("bystander");
		api.registered(email, PASSWORD);
		api.registered(bystander, PASSWORD);
		Tokens phone = api.loggedIn(email, PASSWORD);
		Tokens laptop = api.loggedIn(email, PASSWORD);
		Tokens other = api.loggedIn(bystander, PASSWORD);

		this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE email = :email")
			.param("hash", "$2a$10$" + "x".repeat(53))
			.param("email", email)
			.update();

		api.refresh(phone.refreshToken()).problem(401);
		api.refresh(laptop.refreshToken()).problem(401);
		assertThat(api.refresh(other.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void changingRolesEndsEverySessionButOtherChangesDoNot() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("role-change");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);

		this.jdbc.sql("UPDATE users SET full_name = 'Renamed', updated_at = now() WHERE email = :email")
			.param("email", email)
			.update();
		Tokens renamed = api.refresh(tokens.refreshToken()).tokens();

		this.jdbc.sql("UPDATE users SET roles = ARRAY['user', 'admin']::text[] WHERE email = :email")
			.param("email", email)
			.update();

		api.refresh(renamed.refreshToken()).problem(401);
		assertThat(api.loggedIn(email, PASSWORD).refreshToken()).as("logging in again starts a new session")
			.isNotBlank();
	}

	@Test
	void aFamilyEndsAtItsAbsoluteLifetimeHoweverOftenItWasRefreshed() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("absolute-lifetime");
		api.registered(email, PASSWORD);
		Tokens tokens = api.refresh(api.loggedIn(email, PASSWORD).refreshToken()).tokens();

		clock().startFamily(tokens.refreshToken(), "30 days 1 minute");

		api.refresh(tokens.refreshToken()).problem(401);
	}

	@Test
	void aRefreshTokenNeverOutlivesItsFamily() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("capped");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);
		clock().startFamily(tokens.refreshToken(), "29 days");

		Tokens next = api.refresh(tokens.refreshToken()).tokens();

		Double hoursLeft = this.jdbc.sql("""
				SELECT extract(epoch FROM expires_at - now()) / 3600 FROM refresh_tokens WHERE token_hash = :hash
				""").param("hash", RefreshTokens.hash(next.refreshToken())).query(Double.class).single();
		assertThat(hoursLeft).as("a day left of the family's 30, not 14 days").isBetween(23.0, 24.01);
	}

	private SessionClock clock() {
		return new SessionClock(this.jdbc);
	}

}
