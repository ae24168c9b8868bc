package io.storefront.db.pool;

import java.sql.SQLException;
import java.util.Objects;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.storefront.db.cause.CauseChain;

/**
 * Turns driver exceptions into the short, secret-free reasons shown in logs and health
 * responses.
 */
public final class SqlErrors {

	private static final int MAX_REASON_LENGTH = 200;

	/**
	 * What the driver's own prepared statements ({@code S_1}, …) meeting on a server
	 * session they did not create mean, almost always.
	 */
	private static final String SHARED_SESSION_HINT = " (is a PgBouncer in transaction mode between the service and "
			+ "PostgreSQL? then set DATABASE_POOLER=pgbouncer)";

	private SqlErrors() {
	}

	/**
	 * The server's primary message, or the first sentence of the driver's; never a stack
	 * trace.
	 */
	public static String shortReason(Throwable failure) {
		Throwable cause = CauseChain.find(failure, SQLException.class)
			.<Throwable>map((sql) -> sql)
			.orElseGet(() -> CauseChain.of(failure).reduce((outer, inner) -> inner).orElse(failure));
		String message = null;
		if (cause instanceof PSQLException psql) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			message = (server != null) ? server.getMessage() : psql.getMessage();
		}
		if (message == null) {
			message = cause.getMessage();
		}
		if (message == null || message.isBlank()) {
			return cause.getClass().getSimpleName();
		}
		int sentenceEnd = message.indexOf(". ");
		String reason = (sentenceEnd > 0) ? message.substring(0, sentenceEnd) : message;
		reason = reason.strip();
		if (reason.endsWith(".")) {
			reason = reason.substring(0, reason.length() - 1);
		}
		reason = (reason.length() <= MAX_REASON_LENGTH) ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
		// duplicate_prepared_statement, invalid_sql_statement_name
		String state = (cause instanceof SQLException sql) ? sql.getSQLState() : null;
		return ("42P05".equals(state) || "26000".equals(state)) ? reason + SHARED_SESSION_HINT : reason;
	}

	/**
	 * Whether the failure says the connection itself is gone: SQLState class 08
	 * (connection exception) or 57P (the server ended the session: shutdown, crash,
	 * {@code pg_terminate_backend}, database dropped, idle timeout), anywhere in the
	 * cause chain.
	 */
	public static boolean isConnectionLost(Throwable failure) {
		return CauseChain.of(failure)
			.anyMatch((cause) -> cause instanceof SQLException sql && isConnectionLostState(sql.getSQLState()));
	}

	public static boolean isConnectionLostState(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
	}

	public static String sqlState(Throwable failure) {
		return CauseChain.of(failure)
			.filter(SQLException.class::isInstance)
			.map((cause) -> ((SQLException) cause).getSQLState())
			.filter(Objects::nonNull)
			.findFirst()
			.orElse("");
	}

}
