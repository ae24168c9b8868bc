package io.storefront.launcher.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.launcher.services.ListenAddress;
import io.storefront.launcher.services.ServiceEnvironment;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.StateLayout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console under {@code up} is told: every service's URL, its port, its history
 * file, the details token.
 */
class StatusConsoleTests {

	private final StateLayout state = new StateLayout(Path.of("/tmp/state"));

	private final List<ServiceSpec> services = List.of(spec(KnownServices.AUTH, 8001), spec(KnownServices.CART, 8003));

	@Test
	void itWatchesEveryServiceUpStartedAndKeepsItsHistoryInTheStateFolder() {
		Map<String, String> environment = StatusConsole.environment(8000, this.services, ListenAddress.LOOPBACK,
				Map.of("PATH", "/usr/bin"), this.state);

		assertThat(environment).containsEntry("PORT", "8000")
			.containsEntry("SERVER_ADDRESS", "127.0.0.1")
			.containsEntry("STOREFRONT_CONSOLE_SERVICES",
					"auth-service=http://127.0.0.1:8001,cart-service=http://127.0.0.1:8003")
			.containsEntry("STOREFRONT_CONSOLE_HISTORY_FILE", "/tmp/state/console-history.jsonl")
			.containsEntry("PATH", "/usr/bin")
			.doesNotContainKey("STOREFRONT_CONSOLE_DETAILS_TOKEN");
	}

	@Test
	void itUsesTheServicesDetailsTokenAndTheDevelopersOwnSettings() {
		Map<String, String> environment = StatusConsole.environment(8000, this.services, ListenAddress.LOOPBACK,
				Map.of("HEALTH_DETAILS_TOKEN", "t0ken", "STOREFRONT_CONSOLE_POLL_INTERVAL", "1s",
						"STOREFRONT_CONSOLE_HISTORY_FILE", "/var/tmp/h.jsonl"),
				this.state);

		assertThat(environment).containsEntry("STOREFRONT_CONSOLE_DETAILS_TOKEN", "t0ken")
			.containsEntry("STOREFRONT_CONSOLE_POLL_INTERVAL", "1s")
			.containsEntry("STOREFRONT_CONSOLE_HISTORY_FILE", "/var/tmp/h.jsonl");
	}

	@Test
	void theServicesDebugSwitchIsNotTheConsoles() {
		Map<String, String> environment = StatusConsole.environment(8000, this.services, ListenAddress.LOOPBACK,
				Map.of("DEBUG", "true", "PATH", "/usr/bin"), this.state);

		assertThat(environment).doesNotContainKey("DEBUG").containsEntry("PATH", "/usr/bin");
	}

	private static ServiceSpec spec(io.storefront.db.config.ServiceIdentity service, int port) {
		return new ServiceSpec(service, Path.of(service.name() + ".jar"), List.of(), port,
				Map.of(ServiceEnvironment.SERVER_ADDRESS, "127.0.0.1"), Path.of(service.name() + ".log"));
	}

}
