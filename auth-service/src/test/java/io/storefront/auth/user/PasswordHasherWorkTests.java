package io.storefront.auth.user;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failed check does the work of one bcrypt comparison, whatever was typed, so that
 * the answer's time tells a wrong password from no other failure. Compared with a real
 * comparison measured in the same run, not with a fixed time: a bcrypt skipped takes
 * microseconds, one done takes tens of milliseconds on any machine.
 */
class PasswordHasherWorkTests {

	private final PasswordHasher hasher = new PasswordHasher(new PasswordHashingSettings(2, Duration.ofSeconds(5)));

	private final String hash = this.hasher.hash("the account's real password");

	@Test
	void anEmptyPasswordIsComparedAsSlowlyAsAWrongOne() {
		Duration wrong = fastestOf(() -> this.hasher.matches("a wrong password", this.hash));

		assertThat(fastestOf(() -> this.hasher.matches("", this.hash))).isGreaterThan(wrong.dividedBy(4));
	}

	@Test
	void anUnknownAccountWithAnEmptyPasswordTakesAsLongToo() {
		Duration wrong = fastestOf(() -> this.hasher.matches("a wrong password", this.hash));

		assertThat(fastestOf(() -> {
			this.hasher.burnTime("");
			return false;
		})).isGreaterThan(wrong.dividedBy(4));
	}

	private static Duration fastestOf(BooleanSupplier check) {
		Duration fastest = null;
		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			assertThat(check.getAsBoolean()).isFalse();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			fastest = (fastest == null || took.compareTo(fastest) < 0) ? took : fastest;
		}
		return fastest;
	}

}
