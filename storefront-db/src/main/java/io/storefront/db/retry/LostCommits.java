package io.storefront.db.retry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * What became of a transaction whose commit lost its connection, asked of the server by
 * the transaction's id: PostgreSQL keeps every transaction's fate
 * ({@code pg_xact_status}) whichever session asks, also behind PgBouncer and after a
 * restart.
 */
final class LostCommits {

	enum Outcome {

		COMMITTED, ROLLED_BACK, UNKNOWN

	}

	/**
	 * How long to keep asking while the lost session is still ending ("in progress") or
	 * the server cannot be reached.
	 */
	private static final Duration ASKING = Duration.ofSeconds(2);

	/** The least time a question is given to be answered, even past the deadline. */
	private static final Duration SHORTEST_QUESTION = Duration.ofMillis(250);

	private static final Duration BETWEEN_QUESTIONS = Duration.ofMillis(100);

	private final DataSource dataSource;

	LostCommits(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The id of the transaction running on this thread, assigned now if it has none. */
	String currentTransactionId() {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT pg_current_xact_id()::text")) {
			row.next();
			return row.getString(1);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot read the transaction's id", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** The fate of the transaction {@code id}, on a connection of its own. */
	Outcome outcomeOf(String id) {
		long deadline = System.nanoTime() + ASKING.toNanos();
		while (true) {
			String status = null;
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT pg_xact_status(?::xid8)")) {
				// The pool's socket timeout may be long, or none at all: a server that
				// hangs now must not hold the request past the deadline.
				connection.setNetworkTimeout(Runnable::run, questionMillis(deadline));
				statement.setString(1, id);
				try (ResultSet row = statement.executeQuery()) {
					row.next();
					status = row.getString(1);
					if (status == null) {
						// Too old for the server to remember: not to be guessed.
						return Outcome.UNKNOWN;
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				// Not reachable yet: asked again until the deadline.
			}
			if ("committed".equals(status)) {
				return Outcome.COMMITTED;
			}
			if ("aborted".equals(status)) {
				return Outcome.ROLLED_BACK;
			}
			if (System.nanoTime() - deadline > 0 || !pause()) {
				return Outcome.UNKNOWN;
			}
		}
	}

	private static int questionMillis(long deadline) {
		long left = Math.max(deadline - System.nanoTime(), SHORTEST_QUESTION.toNanos());
		return (int) Duration.ofNanos(left).toMillis();
	}

	private static boolean pause() {
		try {
			Thread.sleep(BETWEEN_QUESTIONS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
