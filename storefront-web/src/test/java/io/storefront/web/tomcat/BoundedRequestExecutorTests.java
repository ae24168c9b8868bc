package io.storefront.web.tomcat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class BoundedRequestExecutorTests {

	@Test
	void runsAtMostTheLimitAtOnceAndEveryTaskInTheEnd() throws InterruptedException {
		BoundedRequestExecutor executor = new BoundedRequestExecutor(3);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(50);
		for (int i = 0; i < 50; i++) {
			executor.execute(() -> {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
				finished.countDown();
			});
		}

		await().untilAsserted(() -> assertThat(running).hasValue(3));
		assertThat(executor.waiting()).isEqualTo(47);
		release.countDown();
		assertThat(finished.await(10, TimeUnit.SECONDS)).as("every task ran").isTrue();
		assertThat(mostAtOnce).hasValue(3);
		assertThat(executor.waiting()).isZero();
	}

	@Test
	void tasksRunOnVirtualThreadsInArrivalOrder() throws InterruptedException {
		BoundedRequestExecutor executor = new BoundedRequestExecutor(1);
		StringBuffer order = new StringBuffer();
		CountDownLatch finished = new CountDownLatch(5);
		for (int i = 0; i < 5; i++) {
			int task = i;
			executor.execute(() -> {
				order.append(task).append(Thread.currentThread().isVirtual() ? "v" : "p");
				finished.countDown();
			});
		}

		assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(order).hasToString("0v1v2v3v4v");
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BoundedRequestExecutor(0))
			.withMessageContaining("at least 1");
	}

}
