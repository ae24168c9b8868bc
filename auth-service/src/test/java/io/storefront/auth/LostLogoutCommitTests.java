package io.storefront.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi.Tokens;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A logout whose commit loses its connection: ending a session twice is ending it once,
 * so the service runs it again and answers 204 instead of leaving the outcome unknown.
 * The commit is held up by a deferred trigger (only the first time) and its session
 * killed meanwhile.
 */
@Tag("reliability")
class LostLogoutCommitTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "lost-logout-1";

	@Test
	void aLogoutWhoseCommitLosesItsConnectionIsRunAgainAndEndsTheSession() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("lost-logout");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);
		TestPostgres.shared().runAsAdmin("auth_db", """
				CREATE SEQUENCE slow_commit_for_tests;
				CREATE FUNCTION slow_commit_for_tests() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
				BEGIN
				  IF nextval('slow_commit_for_tests') = 1 THEN PERFORM pg_sleep(60); END IF;
				  RETURN NULL;
				END $$;
				CREATE CONSTRAINT TRIGGER slow_commit_for_tests AFTER UPDATE ON refresh_token_families
				  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit_for_tests();
				""");
		try {
			CompletableFuture<AuthApi.Response> logout = CompletableFuture
				.supplyAsync(() -> api.post("/auth/logout", "{\"refresh_token\":\"" + tokens.refreshToken() + "\"}"));
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> TestPostgres.shared().runAsAdmin("auth_db", """
						SELECT pg_terminate_backend(pid) FROM pg_stat_activity
						WHERE usename = 'auth_svc' AND state = 'active' AND query = 'COMMIT'
						""") > 0);

			AuthApi.Response answer = logout.get(20, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.body()).isEqualTo(204);
			assertThat(api.refresh(tokens.refreshToken()).status()).as("the session is over").isEqualTo(401);
		}
		finally {
			TestPostgres.shared().runAsAdmin("auth_db", """
					DROP TRIGGER slow_commit_for_tests ON refresh_token_families;
					DROP FUNCTION slow_commit_for_tests();
					DROP SEQUENCE slow_commit_for_tests;
					""");
		}
	}

}
