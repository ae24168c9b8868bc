package io.storefront.db.shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context that is stopped and started again (Spring's test context cache pauses the
 * contexts it is not using) must not keep answering {@code /health/ready} 503 as if it
 * were still shutting down.
 */
class ShutdownDrainRestartTests {

	@Test
	void aDrainedContextStartedAgainIsReadyAgain() {
		List<Object> events = new ArrayList<>();
		ShutdownDrain drain = new ShutdownDrain(new ShutdownSettings(Duration.ZERO), events::add);
		drain.start();

		drain.stop();
		assertThat(drain.draining()).isTrue();

		drain.start();
		assertThat(drain.draining()).isFalse();
		assertThat(drain.isRunning()).isTrue();
		List<Object> states = events.stream()
			.map((event) -> (Object) ((AvailabilityChangeEvent<?>) event).getState())
			.toList();
		assertThat(states).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
	}

}
