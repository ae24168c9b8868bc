package io.storefront.db.shutdown;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;
import io.storefront.sample.SampleServiceProcess.Running;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a service run as an operator runs it (contract section 7): readiness refuses
 * first, the service keeps serving for the drain period, requests in flight finish, then
 * the process exits.
 */
@Tag("reliability")
class ShutdownDrainTests {

	/**
	 * What the JVM exits with when SIGTERM ends it after its shutdown hooks ran (128 +
	 * 15).
	 */
	private static final int SIGTERM_EXIT = 143;

	private static final Duration START_LIMIT = Duration.ofSeconds(90);

	private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);

	@TempDir
	Path workingDirectory;

	@Test
	void sigtermMakesReadinessRefuseWhileLivenessAndRequestsAreStillServedForTheDrainPeriod() {
		try (Running service = start(Map.of("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "8s"))) {
			HttpProbe http = service.http();

			long terminated = System.nanoTime();
			service.terminate();

			HttpResponse<String> ready = await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> whileDraining(http, "/health/ready", terminated), (answer) -> answer.statusCode() == 503);
			assertThat(HttpProbe.json(ready).path("status").asString()).isEqualTo("draining");
			assertThat(whileDraining(http, "/health/live", terminated).statusCode()).as("alive while draining")
				.isEqualTo(200);
			assertThat(whileDraining(http, "/sample/slow?millis=0", terminated).statusCode())
				.as("still serving while draining")
				.isEqualTo(200);
			assertThat(whileDraining(http, "/health/ready", terminated).statusCode()).as("still refusing")
				.isEqualTo(503);
			Outcome outcome = service.awaitExit(EXIT_LIMIT);
			Duration sinceTerm = Duration.ofNanos(System.nanoTime() - terminated);

			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(SIGTERM_EXIT);
			assertThat(sinceTerm).as("served for the whole drain period").isGreaterThanOrEqualTo(Duration.ofSeconds(8));
			assertThat(outcome.messages("INFO")).as(outcome.toString())
				.contains("draining: /health/ready answers 503 for 8s, then in-flight requests finish",
						"drained after 8s: finishing in-flight requests and stopping");
			assertThat(outcome.messages("ERROR")).as(outcome.toString()).isEmpty();
		}
	}

	@Test
	void aRequestInFlightWhenSigtermArrivesCompletesWith200() {
		try (Running service = start(Map.of("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "1s"))) {
			HttpProbe http = service.http();
			// Longer than the drain: it is the web server's graceful shutdown that lets
			// it finish.
			CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture
				.supplyAsync(() -> http.get("/sample/slow?millis=4000"), (task) -> Thread.ofVirtual().start(task));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> service.lines().stream().anyMatch((line) -> line.contains("slow request started")));

			service.terminate();

			HttpResponse<String> response = inFlight.join();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(HttpProbe.json(response).path("slept_ms").asLong()).isEqualTo(4000);
			Outcome outcome = service.awaitExit(EXIT_LIMIT);
			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(SIGTERM_EXIT);
			assertThat(outcome.messages("ERROR")).as(outcome.toString()).isEmpty();
		}
	}

	@Test
	void aDrainPeriodOfZeroStopsWithoutDraining() {
		try (Running service = start(Map.of("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "0"))) {
			service.terminate();
			Outcome outcome = service.awaitExit(EXIT_LIMIT);

			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(SIGTERM_EXIT);
			assertThat(outcome.messages("INFO")).as(outcome.toString())
				.noneMatch((line) -> line.startsWith("drain"))
				.anyMatch((line) -> line.contains("graceful shutdown"));
		}
	}

	@Test
	void aServiceStartedByItsMainDrainsForFiveSecondsByDefault() {
		try (Running service = start(Map.of())) {
			service.terminate();
			Outcome outcome = service.awaitExit(EXIT_LIMIT);

			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(SIGTERM_EXIT);
			assertThat(outcome.messages("INFO")).as(outcome.toString())
				.contains("draining: /health/ready answers 503 for 5s, then in-flight requests finish");
		}
	}

	/**
	 * GET {@code path} within the drain period, when the service must still be listening:
	 * a refused connection means it went straight to stopping.
	 */
	private static HttpResponse<String> whileDraining(HttpProbe http, String path, long terminated) {
		try {
			return http.get(path);
		}
		catch (UncheckedIOException ex) {
			Duration sinceTerm = Duration.ofNanos(System.nanoTime() - terminated);
			throw new AssertionError(
					"the drain was skipped or cut short: " + sinceTerm.toMillis() + " ms after SIGTERM, GET " + path
							+ " found the service no longer listening (" + ex.getCause() + ")",
					ex);
		}
	}

	private Running start(Map<String, String> settings) {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		Map<String, String> environment = new HashMap<>(settings);
		environment.put("DATABASE_URL",
				"postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port() + "/auth_db");
		Running service = SampleServiceProcess.start(environment, this.workingDirectory);
		try {
			await().atMost(START_LIMIT)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> service.http().status("/health/ready") == 200);
		}
		catch (RuntimeException | AssertionError ex) {
			service.close();
			throw new AssertionError(
					"the service did not get ready; it printed:\n" + String.join("\n", service.lines()), ex);
		}
		return service;
	}

}
