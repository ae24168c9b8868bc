package io.storefront.auth.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PasswordHashingFloodTests {

	private static final int FLOODERS = 64;

	/**
	 * A health probe may wait up to its database limit (2 s); a loaded test machine gets
	 * generous room on top. Without the bulkhead, the probes here took 20 s and more.
	 */
	private static final Duration PROBE_LIMIT = Duration.ofSeconds(8);

	private static final List<String> PROBES = List.of("/health", "/health/ready", "/.well-known/jwks.json");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aFloodOfLoginsLeavesTheHealthProbesAndTheJwksAnsweringInTime() throws Exception {
		try (AuthInstance auth = AuthInstance.start("--storefront.auth.rate-limit.enabled=false",
				"--storefront.auth.password-hashing.max-concurrent=1",
				"--storefront.auth.password-hashing.max-wait=3s")) {
			String baseUrl = "http://localhost:" + auth.port();
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicInteger sent = new AtomicInteger();
			Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
			List<String> retryAfter = new ArrayList<>();
			try (ExecutorService flood = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < FLOODERS; i++) {
					flood.submit(() -> {
						while (flooding.get()) {
							sent.incrementAndGet();
							HttpResponse<String> answer = login(baseUrl);
							answers.computeIfAbsent(answer.statusCode(), (status) -> new AtomicInteger())
								.incrementAndGet();
							answer.headers().firstValue("Retry-After").ifPresent((value) -> {
								synchronized (retryAfter) {
									retryAfter.add(value);
								}
							});
						}
						return null;
					});
				}
				try {
					// Every flooder has sent a login and bcrypt has been at work: the
					// flood is in full swing.
					await().atMost(Duration.ofMinutes(2)).until(() -> sent.get() >= FLOODERS && !answers.isEmpty());

					for (int round = 0; round < 3; round++) {
						for (String probe : PROBES) {
							long started = System.nanoTime();
							HttpResponse<String> answer = get(baseUrl + probe);
							Duration took = Duration.ofNanos(System.nanoTime() - started);
							assertThat(took).as("%s during the flood", probe).isLessThan(PROBE_LIMIT);
							assertAnswered(probe, answer);
						}
					}
				}
				finally {
					flooding.set(false);
				}
			}
			assertThat(count(answers, 401)).as("logins were checked meanwhile").isPositive();
			assertThat(count(answers, 503)).as("logins that could not have a turn in time").isPositive();
			assertThat(answers.keySet()).as("nothing but wrong-password and busy answers").containsOnly(401, 503);
			assertThat(retryAfter).isNotEmpty().allMatch("1"::equals);
		}
	}

	/**
	 * The JWKS is served from memory: 200. The health probes answer for the database,
	 * which a loaded test machine may fail to reach within its own 2 s limit: their
	 * verdict, 200 or 503, either way.
	 */
	private static void assertAnswered(String probe, HttpResponse<String> answer) {
		if (probe.startsWith("/health")) {
			assertThat(answer.statusCode()).as(probe).isIn(200, 503);
			assertThat(answer.body()).as(probe).contains("\"service\":\"auth-service\"");
		}
		else {
			assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			assertThat(answer.body()).as(probe).contains("\"keys\"");
		}
	}

	private HttpResponse<String> login(String baseUrl) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/login"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(AuthApi.object("email", AuthApi.uniqueEmail("flood"), "password", "flood-password-1")))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int count(Map<Integer, AtomicInteger> answers, int status) {
		AtomicInteger count = answers.get(status);
		return (count != null) ? count.get() : 0;
	}

}
