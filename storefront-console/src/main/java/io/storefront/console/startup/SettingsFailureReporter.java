package io.storefront.console.startup;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.storefront.console.settings.InvalidConsoleSettingException;

/**
 * Reports a bad setting as one line on stderr, instead of Spring Boot's multi-line failure analysis:
 * the operator reads which setting to fix and nothing else.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureReporter implements SpringBootExceptionReporter {

	public SettingsFailureReporter(ConfigurableApplicationContext context) {
	}

	@Override
	public boolean reportException(Throwable failure) {
		String line = describe(failure);
		if (line == null) {
			return false;
		}
		System.err.println("storefront-console cannot start: " + line);
		return true;
	}

	/** One line for a failure caused by a setting, or {@code null} for any other failure. */
	static String describe(Throwable failure) {
		BindException binding = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConsoleSettingException invalid) {
				return invalid.getMessage();
			}
			if (binding == null && cause instanceof BindException bind) {
				binding = bind;
			}
		}
		if (binding == null) {
			return null;
		}
		String name = binding.getName().toString();
		Object value = (binding.getProperty() != null) ? binding.getProperty().getValue() : null;
		Throwable root = binding;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return name + ((value != null) ? " has an invalid value '" + value + "'" : " is invalid") + ": "
				+ String.valueOf(root.getMessage()).lines().findFirst().orElse("");
	}

}
