package io.storefront.db.pooler;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server hangs behind a running PgBouncer (SIGSTOP, as a hung host): PgBouncer still
 * accepts the probe's connections, so each probe takes far longer than the health time
 * limit to fail (every attempt runs into its socket timeout). The outage is known within
 * the time limit of the first probe, and stays known, without a gap, for as long as the
 * server hangs: the guard keeps failing fast and {@code storefront_db_up} stays 0.
 */
@Tag("reliability")
class FrozenServerBehindPgBouncerTests {

	/** The defaults, which the sample service keeps. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

	/**
	 * How long the outage must stay known: longer than the probe's attempts through
	 * PgBouncer take to fail (about 10 s).
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
		if (postgres != null) {
			// Thawed first: a failed run may have left it frozen, which would hang the
			// rest.
			postgres.thaw();
		}
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

	@Test
	void aFrozenServerIsAKnownOutageForAsLongAsItHangs() throws InterruptedException {
		ConnectivityProbe probe = service.bean(ConnectivityProbe.class);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(service.http().status("/health")).isEqualTo(200));

		List<String> forgotten = new ArrayList<>();
		postgres.freeze();
		try {
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
				Thread.sleep(250);
			}
			assertThat(forgotten).as("moments of the hang at which no outage was known").isEmpty();
			long scraped = System.nanoTime();
			HttpResponse<String> metrics = service.http().get("/metrics");
			assertThat(metrics.body()).containsPattern("(?m)^storefront_db_up(\\{[^}]*\\})? 0\\.0$");
			assertThat(since(scraped)).as("a scrape never waits for the database").isLessThan(MARGIN);
		}
		finally {
			postgres.thaw();
		}

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(service.http().status("/health")).isEqualTo(200));
		assertThat(probe.knownOutage()).isEmpty();
	}

	private static Duration since(long nanoTime) {
		return Duration.ofNanos(System.nanoTime() - nanoTime);
	}

}
