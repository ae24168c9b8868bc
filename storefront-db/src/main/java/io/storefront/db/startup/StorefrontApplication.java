package io.storefront.db.startup;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.storefront.db.shutdown.ShutdownSettings;

/**
 * Entry point every service's {@code main} calls: a start-up that fails exits with status
 * 1, and SIGTERM drains (see {@link ShutdownSettings}) unless the settings say otherwise.
 */
public final class StorefrontApplication {

	private StorefrontApplication() {
	}

	public static ConfigurableApplicationContext run(Class<?> application, String... args) {
		try {
			SpringApplication spring = new SpringApplication(application);
			// Below every other source of settings: the environment or a property still
			// decides.
			spring.setDefaultProperties(Map.of(ShutdownSettings.DRAIN_PERIOD, ShutdownSettings.SERVICE_DRAIN_PERIOD));
			return spring.run(args);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// Not a failure: the build's AOT processing stops the run on purpose once the
			// beans are defined.
			throw ex;
		}
		catch (Throwable ex) {
			// Spring Boot (or StartupFailureReporter) has already reported the failure.
			System.exit(1);
			throw ex;
		}
	}

}
