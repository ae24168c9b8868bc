package io.storefront.db.pool;

import io.storefront.db.startup.StartupFailureException;

/** The database could not be used at start-up; the message says why and what to check. */
public class DatabaseStartupException extends StartupFailureException {

	public DatabaseStartupException(String message) {
		super(message);
	}

}
