package io.storefront.cli;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.pool.SqlErrors;

/** Short, secret-free words for what went wrong talking to PostgreSQL. */
public final class DatabaseErrors {

	private DatabaseErrors() {
	}

	public static String describe(Throwable failure) {
		String state = SqlErrors.sqlState(failure);
		String reason = SqlErrors.shortReason(failure);
		if (state.startsWith("08") || isRefused(failure)) {
			return "cannot connect: " + lowerFirst(reason);
		}
		return reason;
	}

	/**
	 * The server could not be reached at all (as opposed to refusing a login or a
	 * database).
	 */
	public static boolean isUnreachable(Throwable failure) {
		return SqlErrors.sqlState(failure).startsWith("08") || isRefused(failure);
	}

	/**
	 * The server answered and said no to this login or database: a wrong password, no
	 * privilege, no database.
	 */
	public static boolean isLoginRefused(Throwable failure) {
		String state = SqlErrors.sqlState(failure);
		return state.startsWith("28") || "42501".equals(state) || "3D000".equals(state);
	}

	private static boolean isRefused(Throwable failure) {
		return CauseChain.contains(failure, java.net.ConnectException.class, java.net.UnknownHostException.class,
				java.net.SocketTimeoutException.class);
	}

	private static String lowerFirst(String text) {
		return (text.isEmpty() || Character.isLowerCase(text.charAt(0)) || text.startsWith("PostgreSQL")) ? text
				: Character.toLowerCase(text.charAt(0)) + text.substring(1);
	}

}
