package io.storefront.web.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each large body waiting for its turn holds a request turn, so only a few may wait: the
 * next is refused at once, not after the wait.
 */
class LargeBodyTurnsWaitingTests {

	@Test
	void beyondTheFewThatMayWaitALargeBodyIsRefusedAtOnce() throws Exception {
		LargeBodyTurns turns = new LargeBodyTurns(1, 1, Duration.ofSeconds(60));
		assertThat(turns.take()).isTrue();
		try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> waiting = new ArrayList<>();
			for (int i = 0; i < LargeBodyTurns.MAX_WAITING; i++) {
				waiting.add(waiters.submit(turns::take));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> turns.waiting() == LargeBodyTurns.MAX_WAITING);

			long started = System.nanoTime();
			assertThat(turns.take()).as("one more than may wait").isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not after the wait")
				.isLessThan(Duration.ofSeconds(30));

			for (int i = 0; i <= LargeBodyTurns.MAX_WAITING; i++) {
				turns.give();
			}
			for (Future<Boolean> waiter : waiting) {
				assertThat(waiter.get(10, TimeUnit.SECONDS)).as("each waiter gets a turn given back").isTrue();
			}
			assertThat(turns.waiting()).isZero();
		}
	}

}
