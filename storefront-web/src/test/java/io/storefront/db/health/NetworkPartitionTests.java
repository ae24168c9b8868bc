package io.storefront.db.health;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.db.testing.TcpProxy;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The database hangs instead of refusing (a network partition, contract section 4): the
 * service reaches it through a proxy that stops forwarding without closing a socket.
 * Health says so within its time limit, queries fail instead of hanging past the socket
 * timeout, and the service recovers by itself when the path heals.
 */
@Tag("reliability")
class NetworkPartitionTests {

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

	/** What a loaded two-core machine may add to any of the service's own limits. */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	private static TestPostgres postgres;

	private static TcpProxy network;

	private static SampleService service;

	@BeforeAll
	static void startServiceBehindTheProxy() {
		postgres = TestPostgres.dedicated();
		String direct = postgres.databaseUrl(KnownServices.AUTH);
		network = new TcpProxy("localhost", postgres.port());
		String throughProxy = direct.replace("@localhost:" + postgres.port() + "/",
				"@127.0.0.1:" + network.port() + "/");
		assertThat(throughProxy).isNotEqualTo(direct);
		service = SampleService.start("DATABASE_URL=" + throughProxy, "DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=2",
				"storefront.db.socket-timeout=" + SOCKET_TIMEOUT.toSeconds() + "s",
				"storefront.db.health-timeout=" + HEALTH_TIMEOUT.toSeconds() + "s");
	}

	@AfterAll
	static void stopEverything() {
		if (network != null) {
			// Healed first: a failed run may have left reads hanging on the partition.
			network.heal();
		}
		if (service != null) {
			service.close();
		}
		if (network != null) {
			network.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aHangingDatabaseIsReportedInTimeFailsQueriesInsteadOfHangingAndIsRecoveredWithoutRestart() throws Exception {
		assertThat(http().status("/health")).isEqualTo(200);
		assertThat(jdbc().sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);

		// A query already on its way when the network goes: it must not wait past the
		// socket timeout. Its connection is taken before, so that it is this query that
		// meets the partition, not the pool's check of the connection.
		Connection taken = service.bean(DataSource.class).getConnection();
		network.partition();
		CompletableFuture<Ended> inFlight = CompletableFuture.supplyAsync(() -> {
			long sent = System.nanoTime();
			Throwable failure = catchThrowable(() -> {
				try (Connection connection = taken; Statement statement = connection.createStatement()) {
					statement.executeQuery("SELECT 1").close();
				}
			});
			return new Ended(failure, Duration.ofNanos(System.nanoTime() - sent));
		}, Executors.newVirtualThreadPerTaskExecutor());

		await().atMost(Duration.ofSeconds(1).plus(HEALTH_TIMEOUT).plus(MARGIN).plus(MARGIN))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(timedStatus("/health")).isEqualTo(503));
		for (int i = 0; i < 3; i++) {
			assertThat(timedStatus("/health")).as("/health keeps answering 503 within its limit").isEqualTo(503);
			assertThat(timedStatus("/health/ready")).isEqualTo(503);
		}
		assertThat(http().status("/health/live")).as("the process still serves").isEqualTo(200);

		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> jdbc().sql("SELECT 1").query(Integer.class).single());
		assertThat(failure).as("a new query while the outage is known")
			.hasRootCauseInstanceOf(DatabaseUnavailableException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast, not after a timeout")
			.isLessThan(MARGIN);
		// Timed by the query itself: this wait only has to outlast a slow one.
		Ended ended = inFlight.get(60, TimeUnit.SECONDS);
		assertThat(ended.failure()).as("the query in flight failed on the socket timeout instead of hanging")
			.hasRootCauseInstanceOf(SocketTimeoutException.class);
		assertThat(ended.after()).as("the query in flight ended within the socket timeout of %s", SOCKET_TIMEOUT)
			.isLessThan(SOCKET_TIMEOUT.plus(MARGIN).plus(MARGIN));

		network.heal();

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(http().status("/health")).isEqualTo(200));
		assertThat(http().status("/health/ready")).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(jdbc().sql("SELECT 1").query(Integer.class).single()).isEqualTo(1));
	}

	/** How a query ended: its failure, or null, and how long after it was sent. */
	private record Ended(Throwable failure, Duration after) {
	}

	/** Each answer must come within the health time limit plus the margin, never hang. */
	private static int timedStatus(String path) {
		long started = System.nanoTime();
		int status = http().status(path);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path + " answered within its limit")
			.isLessThan(HEALTH_TIMEOUT.plus(MARGIN));
		return status;
	}

	private static HttpProbe http() {
		return service.http();
	}

	private static JdbcClient jdbc() {
		return JdbcClient.create(service.bean(DataSource.class));
	}

}
