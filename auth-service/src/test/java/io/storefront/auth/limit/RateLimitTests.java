package io.storefront.auth.limit;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthInstance;
import io.storefront.auth.user.PasswordHasher;
import io.storefront.web.problem.RetryLaterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each test calls from its own loopback addresses (127.0.0.x), so the per-address buckets
 * of one test are not touched by another. The service runs as it does on Kubernetes,
 * where Spring Boot would otherwise believe {@code X-Forwarded-For} from any private
 * address.
 */
class RateLimitTests {

	private static final String PASSWORD = "rate-limit-password-1";

	/**
	 * A bcrypt hash of cost 16, 64 times the service's: checking a password against it
	 * holds a bcrypt turn for seconds.
	 */
	private static final String SLOW_HASH = "$2a$16$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static AuthInstance auth;

	@BeforeAll
	static void start() {
		auth = AuthInstance.start("--spring.main.cloud-platform=kubernetes",
				"--storefront.auth.rate-limit.login-per-address=4",
				"--storefront.auth.rate-limit.register-per-address=2",
				"--storefront.auth.rate-limit.refresh-per-address=3", "--storefront.auth.rate-limit.address-period=1h",
				"--storefront.auth.rate-limit.failed-logins-per-account=3",
				"--storefront.auth.rate-limit.account-period=30s");
	}

	@AfterAll
	static void stop() {
		auth.close();
	}

	@Test
	void loginsFromOneAddressOverItsAllowanceAreRefusedWithRetryAfter() {
		AuthApi client = auth.api().from("127.0.0.21");
		for (int i = 0; i < 4; i++) {
			client.login(AuthApi.uniqueEmail("nobody"), PASSWORD).problem(401);
		}

		Response refused = client.login(AuthApi.uniqueEmail("nobody"), PASSWORD);

		refused.problem(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).as("a quarter of the hour-long period")
			.isBetween(1L, 900L);
		auth.api().from("127.0.0.22").login(AuthApi.uniqueEmail("nobody"), PASSWORD).problem(401);
	}

	@Test
	void aPercentEncodedPathCountsAgainstTheSameAllowance() {
		AuthApi client = auth.api().from("127.0.0.25");
		String body = AuthApi.object("email", AuthApi.uniqueEmail("nobody"), "password", PASSWORD);
		client.login(AuthApi.uniqueEmail("nobody"), PASSWORD).problem(401);
		for (int i = 0; i < 3; i++) {
			client.post("/auth/%6Cogin", body).problem(401);
		}

		client.post("/auth/%6Cogin", body).problem(429);
		client.login(AuthApi.uniqueEmail("nobody"), PASSWORD).problem(429);
	}

	@Test
	void registrationsFromOneAddressOverItsAllowanceAreRefusedWithRetryAfter() {
		AuthApi client = auth.api().from("127.0.0.23");
		client.registered(AuthApi.uniqueEmail("first"), PASSWORD);
		client.registered(AuthApi.uniqueEmail("second"), PASSWORD);

		Response refused = client.register(AuthApi.uniqueEmail("third"), PASSWORD);

		refused.problem(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).as("half of the hour-long period")
			.isBetween(1L, 1800L);
	}

	@Test
	void aForgedForwardedForGivesNoFreshAllowance() throws Exception {
		HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.26")).build();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			HttpRequest registration = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + auth.port() + "/auth/register"))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "203.0.113." + i)
				.POST(HttpRequest.BodyPublishers
					.ofString(AuthApi.object("email", AuthApi.uniqueEmail("forged"), "password", PASSWORD)))
				.build();
			statuses.add(client.send(registration, HttpResponse.BodyHandlers.discarding()).statusCode());
		}

		assertThat(statuses).as("the socket's address counts, whatever the header says").containsExactly(201, 201, 429);
	}

	@Test
	void refreshesFromOneAddressOverItsAllowanceAreRefusedWithRetryAfter() {
		AuthApi client = auth.api().from("127.0.0.24");
		for (int i = 0; i < 3; i++) {
			client.refresh("not-a-refresh-token-" + i).problem(401);
		}

		Response refused = client.refresh("not-a-refresh-token");

		refused.problem(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).as("a third of the hour-long period")
			.isBetween(1L, 1200L);
	}

	@Test
	void wrongPasswordsForOneAccountFromManyAddressesSlowItsGuessesButNotItsOwnerForLong() {
		AtomicInteger address = new AtomicInteger(30);
		String email = AuthApi.uniqueEmail("guessed");
		String other = AuthApi.uniqueEmail("untouched");
		auth.api().from("127.0.0.29").registered(email, PASSWORD);
		auth.api().from("127.0.0.29").registered(other, PASSWORD);
		// Each spelling of the one account counts against its one allowance, as each
		// logs in to it.
		List<String> spellings = List.of(email.toUpperCase(Locale.ROOT), "  " + email + " ",
				" " + Character.toUpperCase(email.charAt(0)) + email.substring(1).replace("example", "EXAMPLE"));
		for (int i = 0; i < 3; i++) {
			next(address).login(spellings.get(i), "wrong-password-" + i).problem(401);
		}

		Response guess = next(address).login(email, "wrong-password-3");
		Response owner = next(address).login(email, PASSWORD);

		guess.problem(429);
		owner.problem(429);
		assertThat(Long.parseLong(owner.header("Retry-After"))).as("one refill: 30 s / 3").isBetween(1L, 10L);
		assertThat(next(address).login(other, PASSWORD).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> next(address).login(email, PASSWORD).status() == 200);
		for (String spelling : spellings) {
			assertThat(next(address).login(spelling, PASSWORD).status()).as("'%s' is the account", spelling)
				.isEqualTo(200);
		}
	}

	@Test
	void anOwnersSuccessfulLoginsDoNotCountAgainstTheAccount() {
		AtomicInteger address = new AtomicInteger(50);
		String email = AuthApi.uniqueEmail("owner");
		auth.api().from("127.0.0.49").registered(email, PASSWORD);

		for (int i = 0; i < 6; i++) {
			assertThat(next(address).login(email, PASSWORD).status()).as("login %d", i + 1).isEqualTo(200);
		}
	}

	@Test
	void aBurstOfSuccessfulLoginsLeavesTheWholeAllowanceForWrongPasswords() {
		AtomicInteger address = new AtomicInteger(70);
		String email = AuthApi.uniqueEmail("burst");
		auth.api().from("127.0.0.69").registered(email, PASSWORD);
		for (int i = 0; i < 6; i++) {
			assertThat(next(address).login(email, PASSWORD).status()).as("login %d", i + 1).isEqualTo(200);
		}

		assertWholeAllowanceLeft(auth, address, email);
	}

	@Test
	void loginsThatFindBcryptBusyDoNotSpendTheAccountsAllowance() throws Exception {
		try (AuthInstance busy = AuthInstance.start("--storefront.auth.rate-limit.login-per-address=100",
				"--storefront.auth.rate-limit.failed-logins-per-account=3",
				"--storefront.auth.rate-limit.account-period=1h", "--storefront.auth.password-hashing.max-concurrent=1",
				"--storefront.auth.password-hashing.max-wait=0s");
				ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
			AtomicInteger address = new AtomicInteger(90);
			String email = AuthApi.uniqueEmail("busy");
			busy.api().from("127.0.0.89").registered(email, PASSWORD);

			Future<?> holder = background.submit(() -> {
				holdTheOnlyBcryptTurn(busy.bean(PasswordHasher.class));
				return null;
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> busy.api().from("127.0.0.89").login(email, PASSWORD).status() == 503);
			for (int i = 0; i < 4; i++) {
				busy.api().from("127.0.0.89").login(email, PASSWORD).problem(503);
			}
			holder.get();

			assertThat(next(address).login(email, PASSWORD).status()).isEqualTo(200);
			assertWholeAllowanceLeft(busy, address, email);
		}
	}

	/** Waits for the bulkhead's one turn (any login may hold it), then keeps it. */
	private static void holdTheOnlyBcryptTurn(PasswordHasher hasher) throws InterruptedException {
		while (true) {
			try {
				hasher.matches("anything", SLOW_HASH);
				return;
			}
			catch (RetryLaterException ex) {
				Thread.sleep(5);
			}
		}
	}

	/** The account's allowance of 3 is whole: 3 wrong passwords get 401, the 4th 429. */
	private static void assertWholeAllowanceLeft(AuthInstance instance, AtomicInteger address, String email) {
		for (int i = 0; i < 3; i++) {
			assertThat(
					instance.api().from("127.0.0." + address.getAndIncrement()).login(email, "wrong-password").status())
				.as("wrong password %d", i + 1)
				.isEqualTo(401);
		}
		assertThat(instance.api()
			.from("127.0.0." + address.getAndIncrement())
			.login(email, "wrong-password")
			.problem(429)
			.get("detail")
			.asString()).isEqualTo("too many login attempts for this account; retry later");
	}

	private static AuthApi next(AtomicInteger address) {
		return auth.api().from("127.0.0." + address.getAndIncrement());
	}

}
