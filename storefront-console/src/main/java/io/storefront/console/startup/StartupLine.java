package io.storefront.console.startup;

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
