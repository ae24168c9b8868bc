package io.storefront.auth.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthServiceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRaceTests extends AuthServiceTestSupport {

	@Test
	void twentyRacingRegistrationsOfOneEmailCreateOneAccount() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("race");
		int threads = 20;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> responses = new ArrayList<>();
		Response created = null;
		int winner = -1;
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				// Different spellings of one address race too: they normalise to the same
				// account.
				String spelling = (i % 2 == 0) ? email : " " + email.toUpperCase();
				String password = "race-password-" + i;
				responses.add(pool.submit(() -> {
					start.await();
					return api.register(spelling, password);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Response answer = responses.get(i).get();
				statuses.add(answer.status());
				if (answer.status() == 409) {
					answer.problem(409);
				}
				else if (answer.status() == 201) {
					created = answer;
					winner = i;
				}
			}
			assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(threads - 1);
		}
		// The account acknowledged is the one stored, with the winner's password; the
		// 409s
		// changed nothing.
		assertThat(this.jdbc.sql("SELECT id::text FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single()).isEqualTo(created.json().get("id").asString());
		assertThat(api.login(email, "race-password-" + winner).status()).isEqualTo(200);
		assertThat(api.login(email, "race-password-" + (winner + 1) % threads).status()).isEqualTo(401);
	}

}
