package io.storefront.console.poll;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.console.FakeService;
import io.storefront.console.FakeService.Mode;
import io.storefront.console.settings.ServiceTarget;

import static org.assertj.core.api.Assertions.assertThat;

/** One poll against real HTTP servers that answer well, badly, slowly, or not at all. */
class HealthPollerTests {

	private static final Duration DEADLINE = Duration.ofSeconds(2);

	/**
	 * What a loaded two-core machine may add to a poll's deadline; far below the 10 s a
	 * slow service would cost without one.
	 */
	private static final Duration SLACK = Duration.ofSeconds(2);

	private final HealthPoller poller = new HealthPoller(DEADLINE, Optional.empty(), Clock.systemUTC());

	private FakeService service;

	@AfterEach
	void stop() {
		this.poller.close();
		if (this.service != null) {
			this.service.close();
		}
	}

	@Test
	void aHealthyServiceGivesItsVersionDatabasePoolAndBreaker() throws IOException {
		this.service = FakeService.start("cart-service").processStart("1.764849123456E9");

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.HEALTHY);
		assertThat(observation.problem()).isNull();
		assertThat(observation.version()).isEqualTo("1.2.3");
		assertThat(observation.database().connected()).isTrue();
		assertThat(observation.database().name()).isEqualTo("fake_db");
		assertThat(observation.detailed().path("pool_status").path("checked_out_connections").asInt()).isEqualTo(3);
		assertThat(observation.breaker()).isEqualTo("open");
		assertThat(observation.started()).isEqualTo(Instant.parse("2025-12-04T11:52:03.456Z"));
		assertThat(observation.latency()).isLessThan(DEADLINE);
	}

	@Test
	void theProcessStartIsReadInEitherNotationWithOrWithoutLabels() {
		Instant start = Instant.parse("2025-12-04T11:52:03.456Z");

		assertThat(HealthPoller.ProcessStart.from("""
				# HELP process_start_time_seconds Start time of the process since unix epoch.
				# TYPE process_start_time_seconds gauge
				process_start_time_seconds{application="cart-service"} 1.764849123456E9
				""")).isEqualTo(start);
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds 1764849123.456\n")).isEqualTo(start);
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds{a=\"b\"} 1.764849e9 1764849999000\n"))
			.isEqualTo(Instant.parse("2025-12-04T11:50:00Z"));
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds NaN\n")).isNull();
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds +Inf\n")).isNull();
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds 2.534023008e11\n")).isNull();
		assertThat(HealthPoller.ProcessStart.from("process_start_time_seconds 2.534023007e11\n"))
			.isEqualTo(Instant.parse("9999-12-31T23:58:20Z"));
		assertThat(HealthPoller.ProcessStart.from("process_cpu_usage 0.5\n")).isNull();
	}

	/** A /metrics without the start time says nothing about health. */
	@Test
	void metricsWithoutTheProcessStartGiveNoStartAndTheSameHealth() throws IOException {
		this.service = FakeService.start("cart-service").processStart(null);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.HEALTHY);
		assertThat(observation.problem()).isNull();
		assertThat(observation.breaker()).isEqualTo("open");
		assertThat(observation.started()).isNull();
	}

	@Test
	void aDegradedReportSaysWhy() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.DEGRADED);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.DEGRADED);
		assertThat(observation.problem()).contains("write test failed", "2 threads waiting for a connection",
				"write_test: permission denied");
	}

	@Test
	void aSpentPoolOrServerBudgetIsGivenAsTheReason() {
		JsonNode report = JsonMapper.shared()
			.readTree("{\"overall_status\":\"degraded\",\"pool_status\":{\"maximum_pool_size\":3,"
					+ "\"checked_out_connections\":3,\"threads_awaiting_connection\":0},\"database_info\":"
					+ "{\"max_connections\":100,\"reserved_connections\":3,\"server_connections\":90}}");

		assertThat(DegradedReason.of(report))
			.isEqualTo("all 3 connections of the pool in use; server connections 90 of 97 usable");
	}

	@Test
	void aServerThatDoesNotSayItsReservedSlotsHasNoneCounted() {
		JsonNode report = JsonMapper.shared()
			.readTree("{\"overall_status\":\"degraded\",\"database_info\":"
					+ "{\"max_connections\":100,\"server_connections\":90}}");

		assertThat(DegradedReason.of(report)).isEqualTo("server connections 90 of 100 usable");
	}

	@Test
	void errorsThatAreNotTextAreShownAsTheyCame() {
		JsonNode report = JsonMapper.shared()
			.readTree("{\"overall_status\":\"degraded\",\"errors\":{\"pool\":{\"waiting\":3},\"tests\":[1,2],"
					+ "\"write_test\":\"permission denied\",\"count\":7}}");

		assertThat(DegradedReason.of(report))
			.isEqualTo("pool: {\"waiting\":3}; tests: [1,2]; write_test: permission denied; count: 7");
	}

	@Test
	void aLostDatabaseIsUnhealthyWithTheServicesReason() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.DATABASE_DOWN);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.UNHEALTHY);
		assertThat(observation.problem()).isEqualTo("database unreachable: connection refused");
		assertThat(observation.database().connected()).isFalse();
	}

	@Test
	void garbageIsNoAnswerAndIsQuoted() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.GARBAGE);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answered()).isFalse();
		assertThat(observation.problem())
			.startsWith("/health answered garbage: HTTP 200 \"<html><body>502 Bad Gateway");
	}

	/**
	 * A well-formed report of 40 MB would fill the console's 128 MB heap a few polls
	 * over: reading stops at the limit, and the report is refused.
	 */
	@Test
	void anOversizedReportIsRefusedAtTheLimit() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.OVERSIZED);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.HEALTHY);
		assertThat(observation.detailed()).isNull();
		assertThat(observation.detailedProblem()).isEqualTo("answered more than 1024 KiB");
	}

	@Test
	void aReportWithAnOverallStatusNoServiceGivesIsGarbage() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.UNKNOWN_STATUS);

		Observation observation = this.poller.poll(target(this.service.url()));

		assertThat(observation.answer()).isEqualTo(Health.HEALTHY);
		assertThat(observation.detailed()).isNull();
		assertThat(observation.detailedProblem()).startsWith("/health/detailed answered garbage: HTTP 200");
	}

	@Test
	void aSlowServiceCostsNoMoreThanTheDeadline() throws IOException {
		this.service = FakeService.start("auth-service").mode(Mode.SLOW).slowFor(10_000);

		long start = System.nanoTime();
		Observation observation = this.poller.poll(target(this.service.url()));
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(observation.answered()).isFalse();
		assertThat(observation.problem()).isEqualTo("no answer within 2 s");
		assertThat(took).isLessThan(DEADLINE.plus(SLACK));
	}

	@Test
	void aServiceThatAcceptsButNeverAnswersCostsNoMoreThanTheDeadline() throws IOException {
		// the kernel completes the connection into the backlog, as it does for a stopped
		// (SIGSTOP) JVM
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			long start = System.nanoTime();
			Observation observation = this.poller.poll(target("http://127.0.0.1:" + silent.getLocalPort()));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(observation.answered()).isFalse();
			assertThat(observation.problem()).isEqualTo("no answer within 2 s");
			assertThat(took).isLessThan(DEADLINE.plus(SLACK));
		}
	}

	@Test
	void nothingListeningIsConnectionRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}

		Observation observation = this.poller.poll(target("http://127.0.0.1:" + port));

		assertThat(observation.answered()).isFalse();
		assertThat(observation.problem()).isEqualTo("connection refused");
	}

	/** A typo in the service list is not a stopped service. */
	@Test
	void aHostNameThatDoesNotResolveIsSaidSo() {
		Observation observation = this.poller.poll(target("http://no-such-service.invalid:8002"));

		assertThat(observation.answered()).isFalse();
		assertThat(observation.problem()).isEqualTo("the host name does not resolve");
	}

	@Test
	void theDetailsTokenOpensAProtectedReport() throws IOException {
		this.service = FakeService.startWithDetailsToken("product-service", "s3cret");
		try (HealthPoller withToken = new HealthPoller(DEADLINE, Optional.of("s3cret"), Clock.systemUTC())) {
			Observation without = this.poller.poll(target(this.service.url()));
			Observation with = withToken.poll(target(this.service.url()));

			assertThat(without.answer()).isEqualTo(Health.HEALTHY);
			assertThat(without.detailed()).isNull();
			assertThat(without.detailedProblem()).contains("HTTP 401", "STOREFRONT_CONSOLE_DETAILS_TOKEN");
			assertThat(with.detailed().path("overall_status").asString()).isEqualTo("healthy");
			assertThat(with.detailedProblem()).isNull();
		}
	}

	private static ServiceTarget target(String url) {
		return new ServiceTarget("service", URI.create(url));
	}

}
