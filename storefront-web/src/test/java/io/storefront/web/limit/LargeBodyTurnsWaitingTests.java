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

	/**
	 * A turn given back goes to the body that waited for it, not to one arriving at that
	 * moment. One try could miss a newcomer taking it (that depends on which thread runs
	 * first), so the scene is played eight times.
	 */
	@Test
	void aTurnGivenBackGoesToTheBodyWaitingNotToOneArrivingThen() throws Exception {
		try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int scene = 0; scene < 8; scene++) {
				LargeBodyTurns turns = new LargeBodyTurns(1, 1, Duration.ofSeconds(1));
				assertThat(turns.take()).isTrue();
				Future<Boolean> waiter = waiters.submit(turns::take);
				await().atMost(Duration.ofSeconds(10)).until(() -> turns.waiting() == 1);
				Thread.sleep(50);

				turns.give();
				boolean newcomer = turns.take();

				assertThat(newcomer).as("scene %d: the newcomer took the turn", scene).isFalse();
				assertThat(waiter.get(10, TimeUnit.SECONDS)).as("scene %d: the waiter got it", scene).isTrue();
			}
		}
	}

}
