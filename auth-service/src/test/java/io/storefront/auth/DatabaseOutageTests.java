package io.storefront.auth;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi.Tokens;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With its database gone the service stays up: what needs the database is a quick 503,
 * the JWKS other services verify tokens with keeps being served from memory, and
 * everything recovers without a restart. Runs on a private PostgreSQL, since it stops it.
 */
@Tag("reliability")
class DatabaseOutageTests {

	private static final String PASSWORD = "outage-password-1";

	@Test
	void databaseWorkIs503WhileJwksKeepsAnsweringAndAllRecovers() {
		TestPostgres postgres = TestPostgres.dedicated();
		// The default pool timeout (30 s): a login that reached the pool just before the
		// outage was noticed
		// is let go when it is, so the 503s come within seconds.
		try (AuthInstance instance = AuthInstance.startOn(postgres.databaseUrl(KnownServices.AUTH))) {
			AuthApi api = instance.api();
			String email = AuthApi.uniqueEmail("outage");
			api.registered(email, PASSWORD);
			Tokens tokens = api.loggedIn(email, PASSWORD);

			postgres.stop();

			await().atMost(Duration.ofSeconds(1 + 2 + 10)).until(() -> api.login(email, PASSWORD).status() == 503);
			AuthApi.Response login = api.login(email, PASSWORD);
			login.problem(503);
			assertThat(login.header("Retry-After")).isNotBlank();
			api.register(AuthApi.uniqueEmail("outage"), PASSWORD).problem(503);
			api.refresh(tokens.refreshToken()).problem(503);
			api.me(tokens.accessToken()).problem(503);
			assertThat(api.get("/.well-known/jwks.json", null).status()).isEqualTo(200);

			postgres.start();

			await().atMost(Duration.ofSeconds(15)).until(() -> api.login(email, PASSWORD).status() == 200);
			assertThat(api.refresh(tokens.refreshToken()).status()).as("nothing was lost or used up").isEqualTo(200);
		}
		finally {
			postgres.stop();
		}
	}

}
