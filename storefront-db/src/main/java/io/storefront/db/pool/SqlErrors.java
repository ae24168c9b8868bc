package io.storefront.db.pool;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns driver exceptions into the short, secret-free reasons shown in logs and health responses. */
public final class SqlErrors {

	private static final int MAX_REASON_LENGTH = 200;

	private SqlErrors() {
	}

	/** The server's primary message, or the first sentence of the driver's; never a stack trace. */
	public static String shortReason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && !(cause instanceof SQLException)) {
			cause = cause.getCause();
		}
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
		return (reason.length() <= MAX_REASON_LENGTH) ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
	}

	/**
	 * Whether the failure says the connection itself is gone: SQLState class 08 (connection exception) or
	 * 57P (the server ended the session: shutdown, crash, {@code pg_terminate_backend}, database dropped,
	 * idle timeout), anywhere in the cause chain.
	 */
	public static boolean isConnectionLost(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && isConnectionLostState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	public static boolean isConnectionLostState(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
	}

	public static String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return "";
	}

}
