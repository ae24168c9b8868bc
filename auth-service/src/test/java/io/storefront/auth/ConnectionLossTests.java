package io.storefront.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi.Tokens;
import io.storefront.db.testing.SessionKills;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth service's sessions killed on the server again and again while users read their
 * account and log in: the pool replaces them and no request fails but a login whose
 * commit itself is cut, because a read whose connection dies under it is run again, and
 * so is a write whose connection dies before its commit.
 */
@Tag("reliability")
class ConnectionLossTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "connection-loss-1";

	@Test
	void readingTheAccountUnderLoadNeverFailsWhileEverySessionOfTheServiceIsKilled() throws Exception {
		AuthApi api = api();
		List<String> accessTokens = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String email = AuthApi.uniqueEmail("killed");
			ids.add(api.registered(email, PASSWORD).get("id").asString());
			Tokens tokens = api.loggedIn(email, PASSWORD);
			accessTokens.add(tokens.accessToken());
		}
		SessionKills.Outcome<Map.Entry<Integer, AuthApi.Response>> outcome = SessionKills.whileReading("auth_svc",
				accessTokens.size(), (client) -> Map.entry(client, api.me(accessTokens.get(client))));
		List<Map.Entry<Integer, AuthApi.Response>> answers = outcome.answers();

		assertThat(outcome.killed()).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(6);
		assertThat(answers).hasSizeGreaterThan(20);
		assertThat(answers).as("no read failed, and each read its own account").allSatisfy((read) -> {
			AuthApi.Response answer = read.getValue();
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("id").asString()).isEqualTo(ids.get(read.getKey()));
		});
		assertThat(api.get("/health", null).status()).isEqualTo(200);
	}

	/**
	 * A login writes its session; one whose connection is cut in the very commit cannot
	 * know whether the session was saved and says so (503, outcome unknown): nothing else
	 * may fail.
	 */
	@Test
	void loggingInUnderLoadFailsOnlyWhereTheCommitItselfIsCutWhileEverySessionIsKilled() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("killed-login");
		api.registered(email, PASSWORD);

		SessionKills.Outcome<AuthApi.Response> outcome = SessionKills.whileReading("auth_svc", 3,
				(client) -> api.login(email, PASSWORD));

		assertThat(outcome.killed()).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(3);
		assertThat(outcome.answers()).filteredOn((answer) -> answer.status() == 200).hasSizeGreaterThan(5);
		assertThat(outcome.answers()).as("every login answered, or its commit was cut")
			.allSatisfy((answer) -> assertThat(answer.status() == 200
					|| (answer.status() == 503 && answer.body().contains("\"outcome\":\"unknown\"")))
				.as(answer.body())
				.isTrue());
	}

}
