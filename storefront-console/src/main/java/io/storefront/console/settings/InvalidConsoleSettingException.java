package io.storefront.console.settings;

import java.util.Locale;

/**
 * A console setting with a value it cannot work with; the message names the setting and
 * its variable.
 */
public class InvalidConsoleSettingException extends RuntimeException {

	/**
	 * For one of the console's own settings: {@code poll-interval} is
	 * {@code storefront.console.poll-interval}.
	 */
	public InvalidConsoleSettingException(String property, String problem) {
		this(ConsoleSettings.PREFIX + "." + property, variable(property), problem);
	}

	/**
	 * For any setting the console reads, as {@code server.port}, named with the variable
	 * that sets it.
	 */
	public InvalidConsoleSettingException(String setting, String variable, String problem) {
		super(setting + " (" + variable + ") " + problem);
	}

	private InvalidConsoleSettingException(String message) {
		super(message);
	}

	/**
	 * For a problem with one entry of a list setting, said as a sentence of its own
	 * ({@code the URL of service 'a' may not …}) rather than as what the setting must be:
	 * a colon sets it off from the setting's name.
	 */
	public static InvalidConsoleSettingException inEntry(String property, String sentence) {
		return new InvalidConsoleSettingException(
				ConsoleSettings.PREFIX + "." + property + " (" + variable(property) + "): " + sentence);
	}

	/** {@code poll-interval} → {@code STOREFRONT_CONSOLE_POLL_INTERVAL}. */
	public static String variable(String property) {
		return variableOf(ConsoleSettings.PREFIX + "." + property);
	}

	/**
	 * {@code server.address} → {@code SERVER_ADDRESS}; {@code server.port} is set by
	 * {@code PORT} (application.properties).
	 */
	public static String variableOf(String setting) {
		if (setting.equals("server.port")) {
			return "PORT";
		}
		return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
