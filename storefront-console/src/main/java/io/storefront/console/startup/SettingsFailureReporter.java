package io.storefront.console.startup;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertyResolver;

/**
 * Reports a bad setting as one line on stderr, instead of Spring Boot's multi-line
 * failure analysis: the operator reads which setting to fix and nothing else.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureReporter implements SpringBootExceptionReporter {

	/** {@code null} when the start failed before there was a context. */
	private final PropertyResolver settings;

	public SettingsFailureReporter(ConfigurableApplicationContext context) {
		this.settings = (context != null) ? context.getEnvironment() : null;
	}

	@Override
	public boolean reportException(Throwable failure) {
		String line = StartupLine.of(failure, this.settings);
		if (line == null) {
			return false;
		}
		// UTF-8 whatever the locale, as the services' JSON logs are: under a POSIX locale
		// (a bare container, env -i) System.err would print the '…' that stands for a
		// URL's hidden credentials as '?', which reads as part of the URL.
		PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		err.println("storefront-console cannot start: " + line);
		return true;
	}

}
