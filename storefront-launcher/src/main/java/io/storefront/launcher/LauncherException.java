package io.storefront.launcher;

import io.storefront.cli.CommandFailedException;

/**
 * {@code up} cannot go on; the message is one line for the developer, never a password.
 * Exit status 1.
 */
public class LauncherException extends CommandFailedException {

	public LauncherException(String message) {
		super(message);
	}

}
