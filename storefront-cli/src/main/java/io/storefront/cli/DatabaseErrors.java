package io.storefront.cli;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.postgresql.util.PSQLException;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.pool.SqlErrors;

/** Short, secret-free words for what went wrong talking to PostgreSQL. */
public final class DatabaseErrors {

	/** pgjdbc's {@code PSQLState.CONNECTION_REJECTED}. */
	private static final String DRIVER_REJECTED_THE_ANSWER = "08004";

	private DatabaseErrors() {
	}

	public static String describe(Throwable failure) {
		String reason = reason(failure);
		return isUnreachable(failure) ? "cannot connect: " + lowerFirst(reason) : reason;
	}

	/**
	 * The failure's own words, but for a host name that does not resolve, for which the
	 * driver says only "The connection attempt failed" and names the host in a cause.
	 */
	public static String reason(Throwable failure) {
		return CauseChain.find(failure, UnknownHostException.class)
			.map((unknown) -> "unknown host " + unknown.getMessage())
			.orElseGet(() -> SqlErrors.shortReason(failure));
	}

	/**
	 * The server could not be reached at all (as opposed to refusing a login or a
	 * database): nothing accepted the connection, or the driver gave up on a connection
	 * (SQLSTATE class 08) without an answer. An 08 the other end sent is an answer:
	 * PgBouncer sends {@code 08P01} for a login it refuses.
	 */
	public static boolean isUnreachable(Throwable failure) {
		return isNotAccepted(failure) || (SqlErrors.sqlState(failure).startsWith("08") && !isAnswer(failure));
	}

	/**
	 * Nothing accepted the connection: refused, no such host, or the TCP connect timed
	 * out.
	 */
	public static boolean isNotAccepted(Throwable failure) {
		return CauseChain.contains(failure, ConnectException.class, UnknownHostException.class,
				SocketTimeoutException.class);
	}

	/**
	 * The server answered and said no to this login or database: a wrong password, no
	 * privilege, no database.
	 */
	public static boolean isLoginRefused(Throwable failure) {
		String state = SqlErrors.sqlState(failure);
		return state.startsWith("28") || "42501".equals(state) || "3D000".equals(state);
	}

	/**
	 * An error the other end sent, or the driver's own {@code 08004}, which it raises
	 * only on the server's answer: a password asked for that the URL lacks, an
	 * authentication method or SSL it cannot take.
	 */
	private static boolean isAnswer(Throwable failure) {
		return CauseChain.find(failure, PSQLException.class).map(PSQLException::getServerErrorMessage).isPresent()
				|| DRIVER_REJECTED_THE_ANSWER.equals(SqlErrors.sqlState(failure));
	}

	/**
	 * Lower-cases the first letter of a sentence, but not of a name or an acronym
	 * ({@code PostgreSQL}, {@code SSL}, {@code SASL}): a first word with a capital beyond
	 * its first letter.
	 */
	private static String lowerFirst(String text) {
		String firstWord = text.split("\\s", 2)[0];
		boolean name = firstWord.chars().skip(1).anyMatch(Character::isUpperCase);
		return (text.isEmpty() || name) ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
	}

}
