package io.storefront.db.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More threads than the pool's maximum ask for connections: the wait is visible and
 * logged.
 */
@TestPropertySource(properties = { "DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=1", "DATABASE_POOL_TIMEOUT=20" })
@DirtiesContext
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class PoolPressureTests extends RunningSampleService {

	private static final int THREADS = 6;

	@Autowired
	private DataSource dataSource;

	@Test
	void threadsWaitingForAConnectionAreLoggedAndMakeTheServiceDegraded(CapturedOutput output) throws Exception {
		try (Borrowers borrowers = new Borrowers(THREADS)) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode health = detailedHealth();
				assertThat(health.get("pool_status").get("threads_awaiting_connection").asInt()).isEqualTo(3);
				assertThat(health.get("pool_status").get("checked_out_connections").asInt()).isEqualTo(3);
				assertThat(health.get("overall_status").asString()).isEqualTo("degraded");
			});
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("pool under pressure: [1-6] threads waiting for a connection"));
			assertThat(http().status("/health")).as("a busy pool is not a dead database").isEqualTo(200);
		}

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut()).contains("pool pressure over"));
		assertThat(detailedHealth().get("overall_status").asString()).isEqualTo("healthy");
		assertThat(output.getOut().lines().filter((line) -> line.contains("pool under pressure")))
			.as("logged when it starts, not on every check")
			.hasSizeLessThanOrEqualTo(2);
	}

	/**
	 * No one waits at this instant, but the next request will: the detailed report says
	 * so rather than reading healthy between two waits.
	 */
	@Test
	void everyConnectionInUseIsDegradedEvenWithNoOneWaiting() throws Exception {
		int maximum = 3;
		try (Borrowers borrowers = new Borrowers(maximum)) {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode health = detailedHealth();
				assertThat(health.get("pool_status").get("checked_out_connections").asInt()).isEqualTo(maximum);
				assertThat(health.get("pool_status").get("threads_awaiting_connection").asInt()).isZero();
				assertThat(health.get("overall_status").asString()).isEqualTo("degraded");
			});
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(detailedHealth().get("overall_status").asString()).isEqualTo("healthy"));
	}

	/**
	 * Threads that each take a connection and keep it until closed, so that those beyond
	 * the pool's maximum wait their turn.
	 */
	private final class Borrowers implements AutoCloseable {

		private final CountDownLatch release = new CountDownLatch(1);

		private final ExecutorService threads;

		private final List<CompletableFuture<Void>> borrowers = new ArrayList<>();

		Borrowers(int count) {
			this.threads = Executors.newFixedThreadPool(count);
			for (int i = 0; i < count; i++) {
				this.borrowers.add(CompletableFuture.runAsync(this::holdAConnection, this.threads));
			}
		}

		private void holdAConnection() {
			try (Connection connection = PoolPressureTests.this.dataSource.getConnection()) {
				this.release.await();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws Exception {
			this.release.countDown();
			CompletableFuture.allOf(this.borrowers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			this.threads.shutdown();
		}

	}

}
