package io.storefront.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi.Tokens;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth service's sessions killed on the server again and again while users read their account:
 * the pool replaces them and no GET /auth/me fails, because a read whose connection dies under it is
 * run again.
 */
@Tag("reliability")
class ConnectionLossTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "connection-loss-1";

	@Test
	void readingTheAccountUnderLoadNeverFailsWhileEverySessionOfTheServiceIsKilled() throws Exception {
		AuthApi api = api();
		List<String> accessTokens = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String email = AuthApi.uniqueEmail("killed");
			api.registered(email, PASSWORD);
			Tokens tokens = api.loggedIn(email, PASSWORD);
			accessTokens.add(tokens.accessToken());
		}
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<AuthApi.Response> answers = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(accessTokens.size());
		List<Future<?>> loops = new ArrayList<>();
		for (String accessToken : accessTokens) {
			loops.add(clients.submit(() -> {
				while (running.get()) {
					answers.add(api.me(accessToken));
				}
				return null;
			}));
		}

		int killed = 0;
		for (int round = 0; round < 3; round++) {
			Thread.sleep(700);
			killed += TestPostgres.shared().terminateSessionsOf("auth_svc");
		}
		Thread.sleep(700);
		running.set(false);
		for (Future<?> loop : loops) {
			loop.get(60, TimeUnit.SECONDS);
		}
		clients.shutdown();

		assertThat(killed).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(6);
		assertThat(answers).hasSizeGreaterThan(20);
		assertThat(answers).as("no read failed").allSatisfy((answer) -> assertThat(answer.status()).as(answer.body())
			.isEqualTo(200));
		assertThat(api.get("/health", null).status()).isEqualTo(200);
	}

}
