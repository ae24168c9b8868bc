package io.storefront.auth.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthApi.Tokens;
import io.storefront.auth.AuthServiceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenRotationTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "rotation-password-1";

	@Autowired
	RefreshTokenPurge purge;

	@Test
	void ofConcurrentRefreshesWithOneTokenExactlyOneSucceeds() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("concurrent-refresh");
		api.registered(email, PASSWORD);
		// The raced token is three rotations away from the login: refreshed tokens rotate
		// like the first.
		String refreshToken = api.loggedIn(email, PASSWORD).refreshToken();
		for (int i = 0; i < 3; i++) {
			Response refreshed = api.refresh(refreshToken);
			assertThat(refreshed.status()).as("refresh %d: %s", i + 1, refreshed.body()).isEqualTo(200);
			refreshToken = refreshed.tokens().refreshToken();
		}
		String raced = refreshToken;

		int threads = 10;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				statuses.add(pool.submit(() -> {
					start.await();
					return api.refresh(raced).status();
				}));
			}
			start.countDown();
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				results.add(status.get());
			}
			assertThat(results).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(results).filteredOn((status) -> status == 401).hasSize(threads - 1);
		}
	}

	@Test
	void anExpiredRefreshTokenIsRefused() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("expired-refresh");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);

		clock().expire(tokens.refreshToken(), "1 second");

		api.refresh(tokens.refreshToken()).problem(401);
	}

	@Test
	void refreshTokensAreValidForFourteenDays() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("lifetime");
		api.registered(email, PASSWORD);
		Tokens tokens = api.loggedIn(email, PASSWORD);

		Double days = this.jdbc.sql("""
				SELECT extract(epoch FROM expires_at - created_at) / 86400 FROM refresh_tokens WHERE token_hash = :hash
				""").param("hash", RefreshTokens.hash(tokens.refreshToken())).query(Double.class).single();
		assertThat(days).isBetween(13.99, 14.01);
	}

	@Test
	void purgeDeletesTokensExpiredLongAgoAndTheirEmptyFamilies() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("purge");
		api.registered(email, PASSWORD);
		Tokens stale = api.loggedIn(email, PASSWORD);
		Tokens live = api.loggedIn(email, PASSWORD);
		clock().expire(stale.refreshToken(), "2 days");
		clock().startFamily(stale.refreshToken(), "15 days");

		this.purge.purge();

		assertThat(tokenRows(stale.refreshToken())).isZero();
		assertThat(tokenRows(live.refreshToken())).isOne();
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM refresh_token_families f JOIN users u ON u.id = f.user_id WHERE u.email = :email
				""").param("email", email).query(Long.class).single()).isOne();
		assertThat(api.refresh(live.refreshToken()).status()).isEqualTo(200);
	}

	/**
	 * A used token is kept for a day after it expires: presented again meanwhile, it is
	 * still known as used, and its family, whose newer token is live, is revoked.
	 */
	@Test
	void purgeKeepsATokenThatExpiredWithinADaySoItsReplayStillEndsItsFamily() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("purge-grace");
		api.registered(email, PASSWORD);
		Tokens used = api.loggedIn(email, PASSWORD);
		Tokens next = api.refresh(used.refreshToken()).tokens();
		clock().expire(used.refreshToken(), "1 hour");

		this.purge.purge();

		assertThat(tokenRows(used.refreshToken())).isOne();
		api.refresh(used.refreshToken()).problem(401);
		api.refresh(next.refreshToken()).problem(401);
	}

	/**
	 * A family started over a day ago whose latest token is live is a session in use:
	 * purging deletes only families left with no token.
	 */
	@Test
	void purgeKeepsAnOldFamilyThatStillHasALiveToken() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("purge-old-family");
		api.registered(email, PASSWORD);
		Tokens tokens = api.refresh(api.loggedIn(email, PASSWORD).refreshToken()).tokens();
		clock().startFamily(tokens.refreshToken(), "15 days");

		this.purge.purge();

		Response refreshed = api.refresh(tokens.refreshToken());
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
	}

	private SessionClock clock() {
		return new SessionClock(this.jdbc);
	}

	private long tokenRows(String refreshToken) {
		return this.jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = :hash")
			.param("hash", RefreshTokens.hash(refreshToken))
			.query(Long.class)
			.single();
	}

}
