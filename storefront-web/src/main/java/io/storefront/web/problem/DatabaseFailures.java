package io.storefront.web.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.db.transaction.CommitOutcomeUnknownException;

/**
 * Tells the two 503s apart: the database is gone (the monitor knows it, or a connection
 * attempt failed with a connection-class SQLState) versus the pool had no connection free
 * in time while the database was fine (the service is overloaded); and, among the first,
 * a commit that lost its connection, whose change may have been made although it was not
 * acknowledged.
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	static boolean isCommitOutcomeUnknown(Throwable failure) {
		return CauseChain.contains(failure, CommitOutcomeUnknownException.class);
	}

	static boolean isPoolExhausted(Throwable failure) {
		boolean databaseGone = CauseChain.of(failure)
			.anyMatch((cause) -> cause instanceof DatabaseUnavailableException
					|| (!(cause instanceof SQLTransientConnectionException) && cause instanceof SQLException sql
							&& isConnectionFailure(sql.getSQLState())));
		return !databaseGone && CauseChain.contains(failure, SQLTransientConnectionException.class);
	}

	/**
	 * Whether the server cancelled a statement ({@code 57014}): it ran past its query
	 * timeout (a long query, or one waiting on a row or table another transaction holds),
	 * or an operator cancelled it. The database itself is there.
	 */
	static boolean isStatementCancelled(Throwable failure) {
		return CauseChain.of(failure)
			.anyMatch((cause) -> cause instanceof SQLException sql && "57014".equals(sql.getSQLState()));
	}

	/**
	 * Whether a connection failure (the server went away mid-way) is somewhere in the
	 * cause chain.
	 */
	static boolean involvesLostConnection(Throwable failure) {
		return CauseChain.of(failure)
			.anyMatch((cause) -> cause instanceof DatabaseUnavailableException
					|| (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState())));
	}

	/**
	 * The SQLSTATE of a data exception (class 22: a value out of range, too long, of a
	 * bad encoding or form) somewhere in the cause chain, or {@code null}.
	 */
	static String dataExceptionState(Throwable failure) {
		return CauseChain.of(failure)
			.filter(SQLException.class::isInstance)
			.map((cause) -> ((SQLException) cause).getSQLState())
			.filter((state) -> state != null && state.startsWith("22"))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Class 08 (connection exception) or 57P (operator intervention: shutdown, crash,
	 * cannot connect now).
	 */
	private static boolean isConnectionFailure(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
	}

}
