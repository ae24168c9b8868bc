package io.storefront.cli;

/**
 * A command could not do its work; the message is one line for an operator (what failed
 * and what to do), never a password. Exit status 1.
 */
public class CommandFailedException extends RuntimeException {

	public CommandFailedException(String message) {
		super(message, null, false, false);
	}

}
