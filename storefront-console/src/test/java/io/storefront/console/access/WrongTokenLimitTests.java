package io.storefront.console.access;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WrongTokenLimitTests {

	private final WrongTokenLimit limit = new WrongTokenLimit();

	/**
	 * Guesses sent all at once from one address: however many arrive before any is
	 * judged, no more than the allowance are checked.
	 */
	@Test
	void simultaneousGuessesAreCheckedNoMoreThanTheAllowance() throws Exception {
		int guesses = 5 * WrongTokenLimit.GUESSES;
		AtomicInteger checked = new AtomicInteger();
		CountDownLatch allSent = new CountDownLatch(guesses);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < guesses; i++) {
				answers.add(clients.submit(() -> {
					allSent.countDown();
					allSent.await(10, TimeUnit.SECONDS);
					return this.limit.check("192.0.2.7", () -> {
						checked.incrementAndGet();
						return false;
					});
				}));
			}
			for (Future<Boolean> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS)).isFalse();
			}
		}

		assertThat(checked).hasValue(WrongTokenLimit.GUESSES);
		assertThat(this.limit.wait("192.0.2.7")).isPresent();
		assertThat(this.limit.wait("192.0.2.8")).isEmpty();
	}

	@Test
	void aRightTokenCostsNoGuess() {
		for (int i = 0; i < 3 * WrongTokenLimit.GUESSES; i++) {
			assertThat(this.limit.check("192.0.2.7", () -> true)).isTrue();
		}

		assertThat(this.limit.wait("192.0.2.7")).isEmpty();
	}

	@Test
	void anAddressThatMustWaitIsNotToldWhetherItsTokenIsRight() {
		for (int i = 0; i < WrongTokenLimit.GUESSES; i++) {
			this.limit.check("192.0.2.7", () -> false);
		}

		assertThat(this.limit.check("192.0.2.7", () -> true)).isFalse();
		assertThat(this.limit.wait("192.0.2.7")).isPresent();
	}

}
