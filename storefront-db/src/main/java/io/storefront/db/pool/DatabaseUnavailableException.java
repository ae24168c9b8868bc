package io.storefront.db.pool;

import java.sql.SQLTransientConnectionException;

/**
 * Thrown instead of waiting for a connection while the health probe knows the database is
 * down, so a request fails in microseconds rather than after the pool timeout. SQLState
 * 08001 marks it as a connection failure for every translator in between.
 */
public class DatabaseUnavailableException extends SQLTransientConnectionException {

	public DatabaseUnavailableException(String reason) {
		super("database unavailable: " + reason, "08001");
	}

}
