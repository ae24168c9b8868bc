package io.storefront.console.startup;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.PropertyResolver;

import io.storefront.console.settings.InvalidConsoleSettingException;

/** A start-up failure caused by a setting, said in one line. */
public final class StartupLine {

	private static final String PORT = PortCheck.SETTING;

	private static final String ADDRESS = "server.address";

	private StartupLine() {
	}

	/** The line, or {@code null} if {@code failure} was not caused by a setting. */
	public static String of(Throwable failure) {
		return of(failure, null);
	}

	/**
	 * The line, or {@code null} if {@code failure} was not caused by a setting.
	 * @param settings where the port and address the web server could not listen on are
	 * read; {@code null} if there are none yet
	 */
	public static String of(Throwable failure, PropertyResolver settings) {
		BindException binding = null;
		java.net.BindException listening = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConsoleSettingException invalid) {
				return invalid.getMessage();
			}
			if (cause instanceof PortInUseException inUse) {
				return setting(PORT) + " " + inUse.getPort() + " is already in use";
			}
			if (binding == null && cause instanceof BindException bind) {
				binding = bind;
			}
			if (listening == null && cause instanceof java.net.BindException bind) {
				listening = bind;
			}
		}
		if (binding != null) {
			return invalidValue(binding);
		}
		if (listening != null) {
			return cannotListen(listening, settings);
		}
		return null;
	}

	private static String invalidValue(BindException binding) {
		String name = binding.getName().toString();
		Object value = (binding.getProperty() != null) ? binding.getProperty().getValue() : null;
		if (value != null && Duration.class.equals(binding.getTarget().getType().resolve())) {
			return new InvalidConsoleSettingException(name, InvalidConsoleSettingException.variableOf(name),
					"must be a duration such as 500ms, 5s, 2m or PT5S (got \"" + value + "\")")
				.getMessage();
		}
		return new InvalidConsoleSettingException(name, InvalidConsoleSettingException.variableOf(name),
				"is invalid" + ((value != null) ? " (got \"" + value + "\")" : "") + ": " + firstLine(binding))
			.getMessage();
	}

	private static String cannotListen(java.net.BindException failure, PropertyResolver settings) {
		String port = (settings != null) ? settings.getProperty(PORT) : null;
		String address = (settings != null) ? settings.getProperty(ADDRESS) : null;
		return setting(PORT) + ((port != null) ? " " + port : "")
				+ ((address != null && !address.isBlank()) ? " at " + setting(ADDRESS) + " " + address : "")
				+ " cannot be listened on: " + failure.getMessage();
	}

	private static String setting(String name) {
		return name + " (" + InvalidConsoleSettingException.variableOf(name) + ")";
	}

	private static String firstLine(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
	}

}
