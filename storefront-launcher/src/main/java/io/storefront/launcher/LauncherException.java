package io.storefront.launcher;

/**
 * {@code up} cannot go on; the message is one line for the developer, never a password.
 * Exit status 1.
 */
public class LauncherException extends RuntimeException {

	public LauncherException(String message) {
		super(message, null, false, false);
	}

}
