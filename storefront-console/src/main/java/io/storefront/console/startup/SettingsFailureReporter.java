package io.storefront.console.startup;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a bad setting as one line on stderr, instead of Spring Boot's multi-line
 * failure analysis: the operator reads which setting to fix and nothing else.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureReporter implements SpringBootExceptionReporter {

	public SettingsFailureReporter(ConfigurableApplicationContext context) {
	}

	@Override
	public boolean reportException(Throwable failure) {
		String line = StartupLine.of(failure);
		if (line == null) {
			return false;
		}
		System.err.println("storefront-console cannot start: " + line);
		return true;
	}

}
