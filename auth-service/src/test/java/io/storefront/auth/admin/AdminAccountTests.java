package io.storefront.auth.admin;

import java.time.Duration;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthInstance;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class AdminAccountTests extends AuthServiceTestSupport {

	@Test
	void theAdministratorFromTheEnvironmentLogsInWithTheAdminRole() throws Exception {
		AuthApi api = api();
		String accessToken = api.loggedIn(ADMIN_EMAIL, ADMIN_PASSWORD).accessToken();

		assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("user",
				"admin");
		assertThat(api.me(accessToken).json().get("roles").toString()).isEqualTo("[\"user\",\"admin\"]");
		assertThat(api.me(accessToken).json().get("email").asString()).isEqualTo(ADMIN_EMAIL.toLowerCase());
		String hash = this.jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL.toLowerCase())
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$2a$10$").doesNotContain(ADMIN_PASSWORD);
	}

	@Test
	void aRestartWithANewPasswordUpdatesTheAccountAndPromotesAnExistingUser(CapturedOutput output) {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("promoted");
		String original = "registered-password-1";
		String first = "first-admin-password";
		String second = "second-admin-password";
		UUID id = UUID.fromString(api.registered(email, original).get("id").asString());

		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + email.toUpperCase(),
				"--AUTH_ADMIN_PASSWORD=" + first)) {
			assertThat(instance.api()
				.me(instance.api().loggedIn(email, first).accessToken())
				.json()
				.get("roles")
				.toString()).isEqualTo("[\"user\",\"admin\"]");
		}
		api.login(email, original).problem(401);

		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + email,
				"--AUTH_ADMIN_PASSWORD=" + second)) {
			instance.api().login(email, first).problem(401);
			assertThat(instance.api().login(email, second).status()).isEqualTo(200);
		}
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM users WHERE id = :id").param("id", id).query(Long.class).single())
			.as("the same account, updated")
			.isOne();
		assertThat(output.getAll()).contains("admin account ready: " + email)
			.doesNotContain(first)
			.doesNotContain(second)
			.doesNotContain(original);
	}

	@Test
	void anExistingUserWhosePasswordIsAlreadyTheAdminPasswordIsPromotedAtStartUp() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("same-password");
		String password = "registered-and-admin-password";
		api.registered(email, password);
		assertThat(SignedJWT.parse(api.loggedIn(email, password).accessToken())
			.getJWTClaimsSet()
			.getStringListClaim("roles")).as("an ordinary user before the start-up").containsExactly("user");

		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + email,
				"--AUTH_ADMIN_PASSWORD=" + password)) {
			String accessToken = instance.api().loggedIn(email, password).accessToken();
			assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("roles"))
				.containsExactly("user", "admin");
		}
	}

	@Test
	void anUnchangedPasswordIsNotRehashedOnRestartAndItsSessionsGoOn() {
		String before = adminHash();
		String refreshToken = api().loggedIn(ADMIN_EMAIL, ADMIN_PASSWORD).refreshToken();
		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + ADMIN_EMAIL,
				"--AUTH_ADMIN_PASSWORD=" + ADMIN_PASSWORD)) {
			assertThat(instance.api().login(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(200);
		}
		assertThat(adminHash()).isEqualTo(before);
		assertThat(api().refresh(refreshToken).status()).isEqualTo(200);
	}

	@Test
	void promotionAndANewAdminPasswordAtStartUpEndTheAccountsSessions() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("admin-sessions");
		String original = "registered-password-2";
		api.registered(email, original);
		String asUser = api.loggedIn(email, original).refreshToken();

		String firstRun;
		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + email,
				"--AUTH_ADMIN_PASSWORD=first-run-password")) {
			firstRun = instance.api().loggedIn(email, "first-run-password").refreshToken();
		}
		api.refresh(asUser).problem(401);
		assertThat(api.refresh(firstRun).status()).as("the second run has not started yet").isEqualTo(200);
		firstRun = api.loggedIn(email, "first-run-password").refreshToken();

		try (AuthInstance instance = AuthInstance.start("--AUTH_ADMIN_EMAIL=" + email,
				"--AUTH_ADMIN_PASSWORD=second-run-password")) {
			instance.api().refresh(firstRun).problem(401);
		}
		api.refresh(firstRun).problem(401);
	}

	@Test
	void badAdminSettingsStopStartUpNamingTheVariableBeforeWaitingForTheDatabase(CapturedOutput output) {
		// The database is unreachable and would be waited for 30 s: the settings are
		// refused first.
		String unreachable = "postgresql://auth_svc:pw@127.0.0.1:1/auth_db";
		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> AuthInstance
			.startOn(unreachable, "--DATABASE_STARTUP_TIMEOUT=30", "--AUTH_ADMIN_EMAIL=root-at-nowhere",
					"--AUTH_ADMIN_PASSWORD=never-logged-secret")
			.close());
		assertThat(invalidSetting(failure).variable()).isEqualTo("AUTH_ADMIN_EMAIL");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));

		failure = catchThrowable(() -> AuthInstance
			.startOn(unreachable, "--DATABASE_STARTUP_TIMEOUT=30", "--AUTH_ADMIN_EMAIL=root@example.com",
					"--AUTH_ADMIN_PASSWORD=short")
			.close());
		assertThat(invalidSetting(failure).variable()).isEqualTo("AUTH_ADMIN_PASSWORD");

		failure = catchThrowable(() -> AuthInstance
			.startOn(unreachable, "--DATABASE_STARTUP_TIMEOUT=30", "--AUTH_ADMIN_EMAIL=root@example.com",
					"--AUTH_ADMIN_PASSWORD=" + " ".repeat(10))
			.close());
		assertThat(invalidSetting(failure).variable()).isEqualTo("AUTH_ADMIN_PASSWORD");

		failure = catchThrowable(
				() -> AuthInstance.startOn(unreachable, "--AUTH_ADMIN_EMAIL=root@example.com").close());
		assertThat(invalidSetting(failure).variable()).isEqualTo("AUTH_ADMIN_PASSWORD");

		assertThat(output.getAll()).contains("cannot start: invalid configuration: AUTH_ADMIN_EMAIL")
			.contains("cannot start: invalid configuration: AUTH_ADMIN_PASSWORD must not be only white space or "
					+ "invisible characters")
			.doesNotContain("never-logged-secret");
	}

	private String adminHash() {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL.toLowerCase())
			.query(String.class)
			.single();
	}

	static InvalidSettingException invalidSetting(Throwable failure) {
		return CauseChain.find(failure, InvalidSettingException.class)
			.orElseThrow(() -> new AssertionError("start-up did not fail with an InvalidSettingException", failure));
	}

}
