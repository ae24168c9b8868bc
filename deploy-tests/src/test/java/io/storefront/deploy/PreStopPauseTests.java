package io.storefront.deploy;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pause is what the container's {@code sleep} would do, whether the image has GNU
 * coreutils' (Ubuntu, the default image's) or busybox's (Alpine): what they would read
 * differently, or not at all, is refused rather than read as no pause.
 */
class PreStopPauseTests {

	@Test
	void theSleepActionPausesItsSeconds() {
		Container container = new ContainerBuilder().withName("cart-service")
			.withNewLifecycle()
			.withNewPreStop()
			.withNewSleep(7L)
			.endPreStop()
			.endLifecycle()
			.build();

		assertThat(PreStopPause.of(container)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void severalArgumentsPauseForTheirSum() {
		assertThat(PreStopPause.of(execOf("sleep", "1", "2"))).isEqualTo(Duration.ofSeconds(3));
		assertThat(PreStopPause.of(execOf("/bin/sh", "-c", "sleep 1 2.5s"))).isEqualTo(Duration.ofMillis(3500));
		assertThat(PreStopPause.of(execOf("sh", "-c", " exec /bin/sleep 1m 5\n"))).isEqualTo(Duration.ofSeconds(65));
	}

	@Test
	void aHookThatRunsNoSleepIsNoPause() {
		assertThat(PreStopPause.of(execOf("/app/drain", "--wait"))).isZero();
		assertThat(PreStopPause.of(new ContainerBuilder().withName("cart-service").build())).isZero();
	}

	/**
	 * GNU sleep reads {@code 1e3} as 1000 s, busybox's refuses it and the hook fails at
	 * once: which image runs the hook must not decide the pause.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "1e3", "0x10", "+5", "5;", "-5", "5S", "1.2.3", "." })
	void anArgumentGnuAndBusyboxSleepDoNotReadAlikeIsRefused(String argument) {
		assertThatIllegalStateException().isThrownBy(() -> PreStopPause.of(execOf("sleep", "5", argument)))
			.withMessage("cart-service's preStop [sleep, 5, " + argument + "] is not understood by the checks: "
					+ argument + " is read differently by GNU and busybox sleep, or by neither; write a decimal"
					+ " number with the suffix s, m, h or d, or none");
	}

	/**
	 * The kubelet cuts a preStop hook at the grace period and gives the container 2 s
	 * more after SIGTERM: no drain, no graceful shutdown.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "inf", "infinity", "INF" })
	void aSleepWithoutEndIsRefused(String argument) {
		assertThatIllegalStateException()
			.isThrownBy(() -> PreStopPause.of(execOf("/bin/sh", "-c", "sleep " + argument)))
			.withMessageEndingWith(argument + " pauses for ever: the kubelet would cut the hook at the grace period"
					+ " and leave the service 2 s after SIGTERM");
	}

	/**
	 * A pause too long to count is, like inf, one the kubelet cuts at the grace period:
	 * refused with the hook named, not an ArithmeticException.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "99999999999999999999", "9999999999999999d" })
	void aSleepTooLongToCountIsRefused(String argument) {
		assertThatIllegalStateException().isThrownBy(() -> PreStopPause.of(execOf("sleep", argument)))
			.withMessage("cart-service's preStop [sleep, " + argument + "] is not understood by the checks: a pause"
					+ " over " + Long.MAX_VALUE / 1000 + " s (the most the checks count) is one the kubelet would cut"
					+ " at the grace period, leaving the service 2 s after SIGTERM");
	}

	@Test
	void aSleepActionTooLongToCountIsRefused() {
		Container container = new ContainerBuilder().withName("cart-service")
			.withNewLifecycle()
			.withNewPreStop()
			.withNewSleep(Long.MAX_VALUE)
			.endPreStop()
			.endLifecycle()
			.build();

		assertThatIllegalStateException().isThrownBy(() -> PreStopPause.of(container))
			.withMessageStartingWith("cart-service's preStop sleep of " + Long.MAX_VALUE
					+ " s is not understood by the checks: a pause over");
	}

	@Test
	void aSleepWithoutOperandIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> PreStopPause.of(execOf("sleep")))
			.withMessageEndingWith("sleep without an operand fails at once");
	}

	@Test
	void aSleepInsideALongerScriptIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PreStopPause.of(execOf("/bin/sh", "-c", "echo stopping; sleep 5")))
			.withMessageEndingWith("a sleep inside a longer command; write [\"sleep\", \"5\"] or"
					+ " [\"/bin/sh\", \"-c\", \"sleep 5\"]");
	}

	private static Container execOf(String... command) {
		return new ContainerBuilder().withName("cart-service")
			.withNewLifecycle()
			.withNewPreStop()
			.withNewExec()
			.withCommand(List.of(command))
			.endExec()
			.endPreStop()
			.endLifecycle()
			.build();
	}

}
