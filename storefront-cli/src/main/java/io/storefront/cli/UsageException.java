package io.storefront.cli;

/**
 * The command line is wrong; the message says how, and the caller shows the usage. Exit
 * status 2.
 */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message, null, false, false);
	}

}
