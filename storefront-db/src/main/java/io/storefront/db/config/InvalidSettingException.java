package io.storefront.db.config;

import io.storefront.db.startup.StartupFailureException;

/**
 * A configuration variable holds a value the service cannot use. The message names the
 * variable.
 */
public class InvalidSettingException extends StartupFailureException {

	private final String variable;

	public InvalidSettingException(String variable, String problem) {
		super("invalid configuration: " + variable + " " + problem);
		this.variable = variable;
	}

	public String variable() {
		return this.variable;
	}

}
