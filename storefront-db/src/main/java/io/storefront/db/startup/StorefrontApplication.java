package io.storefront.db.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Entry point every service's {@code main} calls: a start-up that fails exits with status 1. */
public final class StorefrontApplication {

	private StorefrontApplication() {
	}

	public static ConfigurableApplicationContext run(Class<?> application, String... args) {
		try {
			return SpringApplication.run(application, args);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// Not a failure: the build's AOT processing stops the run on purpose once the beans are defined.
			throw ex;
		}
		catch (Throwable ex) {
			// Spring Boot (or StartupFailureReporter) has already reported the failure.
			System.exit(1);
			throw ex;
		}
	}

}
