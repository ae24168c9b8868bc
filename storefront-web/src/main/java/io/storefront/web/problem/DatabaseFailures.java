package io.storefront.web.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.storefront.db.pool.DatabaseUnavailableException;

/**
 * Tells the two 503s apart: the database is gone (the monitor knows it, or a connection attempt
 * failed with a connection-class SQLState) versus the pool had no connection free in time while the
 * database was fine (the service is overloaded).
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	static boolean isPoolExhausted(Throwable failure) {
		boolean poolTimeout = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnavailableException) {
				return false;
			}
			if (cause instanceof SQLTransientConnectionException) {
				poolTimeout = true;
			}
			else if (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState())) {
				return false;
			}
		}
		return poolTimeout;
	}

	/** Whether a connection failure (the server went away mid-way) is somewhere in the cause chain. */
	static boolean involvesLostConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnavailableException
					|| (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

	/** Class 08 (connection exception) or 57P (operator intervention: shutdown, crash, cannot connect now). */
	private static boolean isConnectionFailure(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
	}

}
