package io.storefront.console.startup;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.BindException;

import io.storefront.console.settings.InvalidConsoleSettingException;

/** A start-up failure caused by a setting, said in one line. */
public final class StartupLine {

	private StartupLine() {
	}

	/** The line, or {@code null} if {@code failure} was not caused by a setting. */
	public static String of(Throwable failure) {
		BindException binding = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConsoleSettingException invalid) {
				return invalid.getMessage();
			}
			if (binding == null && cause instanceof BindException bind) {
				binding = bind;
			}
		}
		return (binding != null) ? invalidValue(binding) : null;
	}

	private static String invalidValue(BindException binding) {
		String name = binding.getName().toString();
		Object value = (binding.getProperty() != null) ? binding.getProperty().getValue() : null;
		if (value != null && Duration.class.equals(binding.getTarget().getType().resolve())) {
			return new InvalidConsoleSettingException(name, InvalidConsoleSettingException.variableOf(name),
					"must be a duration such as 500ms, 5s, 2m or PT5S, got '" + value + "'")
				.getMessage();
		}
		return new InvalidConsoleSettingException(name, InvalidConsoleSettingException.variableOf(name),
				((value != null) ? "has an invalid value '" + value + "'" : "is invalid") + ": " + firstLine(binding))
			.getMessage();
	}

	private static String firstLine(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
	}

}
