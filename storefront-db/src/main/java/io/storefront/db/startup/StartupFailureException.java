package io.storefront.db.startup;

/**
 * A reason a service must not start, worded for an operator: one line, naming what to
 * fix, never a password. {@link StartupFailureReporter} prints it as the only line of the
 * failure and the process exits with status 1.
 */
public abstract class StartupFailureException extends RuntimeException {

	protected StartupFailureException(String message) {
		super(message, null, false, false);
	}

	protected StartupFailureException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}
