package io.storefront.db.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers that arrive while the task runs share that run: this is how any number of
 * health probes hold at most one database connection.
 */
class SingleFlightTests {

	private static final Duration LIMIT = Duration.ofSeconds(10);

	@Test
	void callersOnOtherThreadsWhileTheTaskRunsShareItsRunAndItsResult() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		Supplier<String> task = () -> {
			int run = runs.incrementAndGet();
			started.countDown();
			await(release);
			return "run " + run;
		};
		try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			SingleFlight<String> flight = new SingleFlight<>(probes);
			try {
				CompletableFuture<String> first = callers.submit(() -> flight.join(task)).get(10, TimeUnit.SECONDS);
				assertThat(started.await(10, TimeUnit.SECONDS)).as("the task started").isTrue();
				CompletableFuture<String> second = callers.submit(() -> flight.join(task)).get(10, TimeUnit.SECONDS);

				assertThat(second).as("the second caller joins the run under way").isSameAs(first).isNotDone();
				release.countDown();
				assertThat(first).succeedsWithin(LIMIT).isEqualTo("run 1");
				assertThat(second).succeedsWithin(LIMIT).isEqualTo("run 1");
				assertThat(runs).as("the task ran once for both").hasValue(1);

				// Once it has finished, the next caller starts a run of its own.
				assertThat(flight.join(task)).succeedsWithin(LIMIT).isEqualTo("run 2");
				assertThat(runs).hasValue(2);
			}
			finally {
				release.countDown();
			}
		}
	}

	/**
	 * A health probe must answer within its limit even when the database never does: the
	 * caller stops waiting at the limit and hears why.
	 */
	@Test
	void aCallerWaitsNoLongerThanItsLimitForARunThatGivesNoAnswer() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
			SingleFlight<String> flight = new SingleFlight<>(probes);
			try {
				long started = System.nanoTime();
				String answer = flight.joinWithin(() -> {
					await(release);
					return "answered";
				}, Duration.ofMillis(200), (reason) -> "timed out: " + reason, (reason) -> "failed: " + reason);

				assertThat(answer).isEqualTo("timed out: no answer within 200 ms");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT);
			}
			finally {
				release.countDown();
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
