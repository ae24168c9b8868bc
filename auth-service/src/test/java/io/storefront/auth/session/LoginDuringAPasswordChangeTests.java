package io.storefront.auth.session;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.auth.user.PasswordHasher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

/**
 * A password changed while a login checks the old one (bcrypt takes ~0.1 s): the change
 * ends the sessions that exist when it commits, so the login must not start one after it
 * with the password that no longer holds.
 */
class LoginDuringAPasswordChangeTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "changed-meanwhile-1";

	@MockitoSpyBean
	PasswordHasher hasher;

	@Test
	void aLoginWhosePasswordChangedWhileItWasCheckedStartsNoSession() {
		String email = AuthApi.uniqueEmail("changed-meanwhile");
		api().registered(email, PASSWORD);
		doAnswer((check) -> {
			Object matched = check.callRealMethod();
			this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE email = :email")
				.param("hash", "$2a$10$" + "x".repeat(53))
				.param("email", email)
				.update();
			return matched;
		}).when(this.hasher).matches(anyString(), anyString());

		api().login(email, PASSWORD).problem(401);

		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM refresh_token_families f JOIN users u ON u.id = f.user_id
				WHERE u.email = :email AND f.revoked_at IS NULL
				""").param("email", email).query(Integer.class).single()).isZero();
	}

}
