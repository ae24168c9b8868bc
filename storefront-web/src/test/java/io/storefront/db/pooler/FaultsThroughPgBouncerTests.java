package io.storefront.db.pooler;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The path through PgBouncer breaks in the ways it breaks in production (contract
 * sections 4 and 7): PgBouncer restarted, the server restarted behind it, its server
 * connections recycled ({@code RECONNECT}) or cut ({@code KILL}) on its console, the
 * server hung behind it. While the path is broken the service says 503 quickly; it
 * recovers by itself, with no restart.
 */
@Tag("reliability")
class FaultsThroughPgBouncerTests {

	private static final Duration NOTICED = Duration.ofSeconds(10);

	private static final Duration RECOVERED = Duration.ofSeconds(30);

	/** The defaults, which the sample service keeps. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

	/**
	 * How long a hung server's outage must stay known: longer than the probe's attempts
	 * through PgBouncer take to fail (about 10 s).
	 */
	private static final Duration HANG = Duration.ofSeconds(12);

	/** What a loaded two-core machine may add to any of the service's own limits. */
	private static final Duration MARGIN = Duration.ofSeconds(2);

	private static TestPostgres postgres;

	private static TestPgBouncer pgbouncer;

	private static SampleService service;

	@BeforeAll
	static void startServiceThroughPgBouncer() {
		postgres = TestPostgres.dedicated();
		pgbouncer = TestPgBouncer.inFrontOf(postgres, 2, KnownServices.AUTH);
		service = SampleService.throughPgBouncer(postgres, pgbouncer);
	}

	@AfterAll
	static void stopEverything() {
		if (service != null) {
			service.close();
		}
		if (pgbouncer != null) {
			pgbouncer.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@AfterEach
	void pathIsWholeAgain() {
		// Thawed first: a failed run may have left it frozen, which would hang the rest.
		postgres.thaw();
		postgres.start();
		pgbouncer.start();
		awaitHealth(200, RECOVERED);
	}

	@Test
	void pgBouncerRestartedIsAnOutageTheServiceRecoversFromByItself() {
		servesRequests();

		pgbouncer.stop();

		saysUnavailableQuickly();
		pgbouncer.start();
		awaitHealth(200, RECOVERED);
		servesRequests();
	}

	@Test
	void theServerRestartedBehindARunningPgBouncerIsAnOutageTheServiceRecoversFromByItself() {
		servesRequests();

		postgres.stop();

		saysUnavailableQuickly();
		postgres.start();
		awaitHealth(200, RECOVERED);
		servesRequests();
	}

	/**
	 * After {@code RECONNECT} the service is served by server sessions none of which it
	 * was served by before (PgBouncer closes each old one once it is released), and every
	 * request it makes meanwhile succeeds.
	 */
	@Test
	void reconnectOnTheConsoleReplacesTheServerSessionsUnnoticed() {
		servesRequests();
		Set<String> before = serverSessions();
		assertThat(before).as("server sessions before RECONNECT").isNotEmpty();

		pgbouncer.console("RECONNECT auth_db");

		// A failed request ends the wait at once: only the sessions are waited for.
		await().alias("server sessions none of which is one of " + before)
			.atMost(NOTICED)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				servesRequests();
				return serverSessions();
			}, (sessions) -> !sessions.isEmpty() && Collections.disjoint(sessions, before));
	}

	@Test
	void killOnTheConsoleIsAnOutageUntilResume() {
		servesRequests();

		pgbouncer.console("KILL auth_db");
		try {
			saysUnavailableQuickly();
		}
		finally {
			pgbouncer.console("RESUME auth_db");
		}
		awaitHealth(200, RECOVERED);
		servesRequests();
	}

	/**
	 * Readiness, the detailed report and queries through the pool, a few times over the
	 * same sessions.
	 */
	private static void servesRequests() {
		JdbcClient jdbc = JdbcClient.create(service.bean(DataSource.class));
		for (int round = 0; round < 10; round++) {
			HttpResponse<String> ready = service.http().get("/health/ready");
			assertThat(ready.statusCode()).as("round %d: %s", round, ready.body()).isEqualTo(200);
			HttpResponse<String> detailed = service.http().get("/health/detailed");
			assertThat(HttpProbe.json(detailed).get("overall_status").asString())
				.as("round %d: %s", round, detailed.body())
				.isEqualTo("healthy");
			assertThat(jdbc.sql("SELECT CAST(? AS int) + 1").param(round).query(Integer.class).single())
				.as("round %d", round)
				.isEqualTo(round + 1);
		}
	}

	/**
	 * The server sessions PgBouncer holds for the service's database, by the process id
	 * of their backend on the server.
	 */
	private static Set<String> serverSessions() {
		return pgbouncer.console("SHOW SERVERS")
			.stream()
			.filter((server) -> KnownServices.AUTH.databaseName().equals(server.get("database")))
			.map((server) -> server.get("remote_pid"))
			.collect(Collectors.toSet());
	}

	/**
	 * {@code /health} and {@code /health/ready} say 503, and a query fails at once
	 * instead of waiting.
	 */
	private static void saysUnavailableQuickly() {
		awaitHealth(503, NOTICED);
		HttpResponse<String> ready = service.http().get("/health/ready");
		assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
		assertThat(service.http().status("/health/live")).as("the process still serves").isEqualTo(200);

		queryFailsFast("once the outage is known");
	}

	/** A query fails at once, far below the pool timeout of 30 s, instead of waiting. */
	private static void queryFailsFast(String when) {
		long started = System.nanoTime();
		Throwable failure = catchThrowable(
				() -> JdbcClient.create(service.bean(DataSource.class)).sql("SELECT 1").query(Integer.class).single());
		assertThat(failure).as("a query %s", when).hasCauseInstanceOf(DatabaseUnavailableException.class);
		assertThat(since(started)).as("how long a query %s took to fail", when).isLessThan(Duration.ofSeconds(2));
	}

	/**
	 * A hung server (SIGSTOP, as a hung host) behind a running PgBouncer: PgBouncer still
	 * accepts the probe's connections, so each probe takes far longer than the health
	 * time limit to fail (every attempt runs into its socket timeout). The outage is
	 * known within the time limit of the first probe and stays known, without a gap, for
	 * as long as the server hangs: every query meanwhile fails fast, readiness says 503
	 * and {@code storefront_db_up} stays 0.
	 */
	@Test
	void aServerHungBehindARunningPgBouncerIsAKnownOutageForAsLongAsItHangs() throws InterruptedException {
		ConnectivityProbe probe = service.bean(ConnectivityProbe.class);
		servesRequests();

		List<String> forgotten = new ArrayList<>();
		postgres.freeze();
		long frozen = System.nanoTime();
		await().alias("an outage known within the health time limit and one interval of the freeze")
			.atMost(HEALTH_TIMEOUT.plus(MONITOR_INTERVAL).plus(MARGIN))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> probe.knownOutage().isPresent());
		long known = System.nanoTime();
		while (since(known).compareTo(HANG) < 0) {
			if (probe.knownOutage().isEmpty()) {
				forgotten.add(since(frozen).toMillis() + " ms after the freeze");
			}
			queryFailsFast(since(frozen).toMillis() + " ms after the freeze");
			Thread.sleep(250);
		}
		assertThat(forgotten).as("moments of the hang at which no outage was known").isEmpty();
		HttpResponse<String> ready = service.http().get("/health/ready");
		assertThat(ready.statusCode()).as("readiness at the end of the hang: %s", ready.body()).isEqualTo(503);
		long scraped = System.nanoTime();
		HttpResponse<String> metrics = service.http().get("/metrics");
		assertThat(metrics.body()).containsPattern("(?m)^storefront_db_up(\\{[^}]*\\})? 0\\.0$");
		assertThat(since(scraped)).as("a scrape never waits for the database").isLessThan(MARGIN);

		postgres.thaw();
		awaitHealth(200, RECOVERED);
		assertThat(probe.knownOutage()).isEmpty();
	}

	private static Duration since(long nanoTime) {
		return Duration.ofNanos(System.nanoTime() - nanoTime);
	}

	private static void awaitHealth(int status, Duration limit) {
		await().atMost(limit)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(service.http().status("/health")).isEqualTo(status));
	}

}
