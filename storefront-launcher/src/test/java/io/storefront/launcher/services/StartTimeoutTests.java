package io.storefront.launcher.services;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartTimeoutTests {

	@Test
	void aServiceNotReadyInTimeNamesItsLogAndHowToGiveItLonger() {
		String message = "auth-service"
				+ StartTimeout.notReadyWithin(Duration.ofSeconds(180), Path.of("/state/logs/auth-service.log"));

		assertThat(message).isEqualTo("auth-service was not ready within 180 s (see /state/logs/auth-service.log; "
				+ "a busy machine may need longer: --timeout S or STOREFRONT_START_TIMEOUT)");
	}

}
