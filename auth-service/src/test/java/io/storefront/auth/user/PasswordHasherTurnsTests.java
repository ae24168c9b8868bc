package io.storefront.auth.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.storefront.web.problem.RetryLaterException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password typed in another form than its normalised one is compared twice (the
 * normalised form, then the form typed, for accounts older than normalisation). Both
 * comparisons take one turn of the bcrypt bulkhead: a check is either refused as busy
 * before anything was compared, or answered. A check refused between its comparisons
 * would be a wrong guess answered 503, which gives the guess back to the account's login
 * allowance.
 */
class PasswordHasherTurnsTests {

	/** A fullwidth P: normalised (NFKC) to a plain one, so it is compared twice. */
	private static final String TYPED_IN_ANOTHER_FORM = "\uFF30assword-for-the-turns-test";

	private static final int CHECKS = 100;

	/**
	 * Far shorter than one comparison (cost 10: tens of milliseconds), so that a turn
	 * asked for while the other login compares is refused.
	 */
	private static final Duration MAX_WAIT = Duration.ofMillis(5);

	@Test
	void aCheckRefusedAsBusyComparedNothing() throws Exception {
		PasswordHasher hasher = new PasswordHasher(new PasswordHashingSettings(1, MAX_WAIT));
		String hash = hasher.hash("the account's real password");
		Duration oneComparison = fastestOf(3, () -> hasher.matches("a wrong password", hash));

		AtomicBoolean competing = new AtomicBoolean(true);
		// A platform thread: bcrypt is not time-sliced on virtual threads, and the
		// competitor must keep asking for the turn while a check holds it.
		Thread competitor = Thread.ofPlatform().start(() -> {
			while (competing.get()) {
				try {
					hasher.matches("a competing login", hash);
				}
				catch (RetryLaterException busy) {
					// asks again at once
				}
			}
		});
		List<Duration> refusedAfter = new ArrayList<>();
		int answered = 0;
		try {
			for (int i = 0; i < CHECKS; i++) {
				long started = System.nanoTime();
				try {
					assertThat(hasher.matches(TYPED_IN_ANOTHER_FORM, hash)).isFalse();
					answered++;
				}
				catch (RetryLaterException busy) {
					refusedAfter.add(Duration.ofNanos(System.nanoTime() - started));
				}
			}
		}
		finally {
			competing.set(false);
			competitor.join();
		}

		// Refused before comparing: after the 5 ms wait. Refused between the two
		// comparisons: after a whole one.
		assertThat(refusedAfter)
			.as("checks refused as busy, by how long after they began (one comparison takes %s)", oneComparison)
			.isNotEmpty()
			.allSatisfy((after) -> assertThat(after).isLessThan(oneComparison));
		assertThat(answered).as("checks answered while another login competed for the turn").isPositive();
	}

	private static Duration fastestOf(int runs, Runnable work) {
		Duration fastest = null;
		for (int i = 0; i < runs; i++) {
			long started = System.nanoTime();
			work.run();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			fastest = (fastest == null || took.compareTo(fastest) < 0) ? took : fastest;
		}
		return fastest;
	}

}
