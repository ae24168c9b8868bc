package io.storefront.console.settings;

import java.util.Locale;

/**
 * A console setting with a value it cannot work with; the message names the property and
 * its variable.
 */
public class InvalidConsoleSettingException extends RuntimeException {

	public InvalidConsoleSettingException(String property, String problem) {
		super(ConsoleSettings.PREFIX + "." + property + " (" + variable(property) + ") " + problem);
	}

	/** {@code poll-interval} → {@code STOREFRONT_CONSOLE_POLL_INTERVAL}. */
	public static String variable(String property) {
		return (ConsoleSettings.PREFIX + "." + property).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
