package io.storefront.auth.user;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@Test
	void eightCharactersAreEnough() {
		assertThat(PasswordPolicy.problem("12345678")).isEmpty();
		assertThat(PasswordPolicy.problem("1234567")).hasValue("must be at least 8 characters");
	}

	/**
	 * Eight spaces pass a length rule but are the first thing a guesser tries, and a
	 * password of characters that render as nothing cannot be read back or typed again.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "        ", "\t\t\t\t\t\t\t\t", "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0",
			"\u3000\u2003\u2009\u205f\u1680\u2028\u0085\n", "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e",
			"\u3164\u3164\u3164\u3164\u3164\u3164\u3164\u3164", "\u2800\u2800\u2800\u2800\u2800\u2800\u2800\u2800",
			"\ufe0f\ufe0f\ufe0f\ufe0f \udb40\udc20\udb40\udc20\udb40\udc01" })
	void aPasswordOfOnlyWhiteSpaceOrInvisibleCharactersIsRefused(String invisible) {
		assertThat(PasswordPolicy.problem(invisible)).hasValue("must not be only white space or invisible characters");
	}

	@Test
	void spacesAndInvisibleCharactersAroundSomethingVisibleAreKept() {
		assertThat(PasswordPolicy.problem("       x")).isEmpty();
		assertThat(PasswordPolicy.problem("\u200b\u200b\u200b\u200b\u200b\u200b\u200b.")).isEmpty();
		// Too short is said first: one mistake, one message.
		assertThat(PasswordPolicy.problem("   ")).hasValue("must be at least 8 characters");
	}

	@Test
	void charactersNotBytesCountTowardsTheMinimum() {
		// Eight emoji are eight characters (16 UTF-16 units, 32 bytes).
		assertThat(PasswordPolicy.problem("\uD83D\uDD11".repeat(8))).isEmpty();
		assertThat(PasswordPolicy.problem("\uD83D\uDD11".repeat(7))).isPresent();
	}

	@Test
	void bcryptsSeventyTwoByteLimitIsEnforcedInUtf8Bytes() {
		assertThat(PasswordPolicy.problem("a".repeat(72))).isEmpty();
		assertThat(PasswordPolicy.problem("a".repeat(73))).hasValue("must be at most 72 bytes in UTF-8");
		// 37 two-byte characters are 74 bytes.
		assertThat(PasswordPolicy.problem("\u00e9".repeat(37))).hasValue("must be at most 72 bytes in UTF-8");
	}

	@Test
	void theHasherNeverMatchesWhatBcryptCannotTake() {
		PasswordHasher hasher = new PasswordHasher(new PasswordHashingSettings(0, Duration.ofSeconds(2)));
		String hash = hasher.hash("a".repeat(72));
		assertThat(hash).startsWith("$2a$10$");
		assertThat(hasher.matches("a".repeat(72), hash)).isTrue();
		assertThat(hasher.matches("a".repeat(73), hash)).isFalse();
	}

	@Test
	void theLimitsCountTheNormalisedPassword() {
		assertThat(PasswordPolicy.problem("e\u0301".repeat(4))).hasValue("must be at least 8 characters");
		assertThat(PasswordPolicy.problem("\ufdfa".repeat(8))).hasValue("must be at most 72 bytes in UTF-8");
	}

	/**
	 * U+FDFA becomes 18 characters when normalised: a megabyte of it would be twelve per
	 * login, more than a few concurrent ones leave of a 256 MB heap.
	 */
	@Test
	void aPasswordTooLongForBcryptInAnyFormIsRefusedWithoutBeingNormalised() {
		String flood = "\ufdfa".repeat(340_000);
		PasswordHasher hasher = new PasswordHasher(new PasswordHashingSettings(0, Duration.ofSeconds(2)));
		String hash = hasher.hash("a".repeat(72));
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();

		assertThat(PasswordPolicy.problem(flood)).hasValue("must be at most 72 bytes in UTF-8");
		assertThat(hasher.matches(flood, hash)).isFalse();

		// Normalised, it would be 6.1 million characters: 12 MB as a string, 18 MB more
		// in UTF-8. A comparison and the first turn of the bulkhead take about 2 MB.
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated checking it twice")
			.isLessThan(8_000_000);
	}

	@Test
	void noPasswordThatFitsBcryptIsTooLongToBeNormalised() {
		// Three characters composed into one (e, dot below, circumflex: U+1EC7) is the
		// most normalising shrinks a password; 24 of them are 72 bytes.
		String composable = "e\u0323\u0302".repeat(24);
		assertThat(PasswordPolicy.normalise(composable)).isEqualTo("\u1ec7".repeat(24));
		assertThat(PasswordPolicy.problem(composable)).isEmpty();
		assertThat(composable.length()).isLessThanOrEqualTo(PasswordPolicy.MAX_TYPED_LENGTH);
	}

	@Test
	void theHasherMatchesEveryCompositionAndTheRawFormOfOldHashes() {
		PasswordHasher hasher = new PasswordHasher(new PasswordHashingSettings(0, Duration.ofSeconds(2)));
		assertThat(hasher.matches("passe\u0301word", hasher.hash("pass\u00e9word"))).isTrue();
		String hashedAsTyped = new BCryptPasswordEncoder(PasswordHasher.COST).encode("passe\u0301word");
		assertThat(hasher.matches("passe\u0301word", hashedAsTyped)).isTrue();
		assertThat(hasher.matches("pass\u00e9word", hashedAsTyped)).isFalse();
	}

}
