package io.storefront.db.retry;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.SqlErrors;

/**
 * Runs read-only database work, and runs it once more when the connection it ran on died
 * under it ({@code pg_terminate_backend}, a server restart, a dropped network): the pool
 * has replaced that connection by then, and the second attempt's connection is checked
 * before use ({@link io.storefront.db.pool.CheckedBorrowing}), so the caller never sees
 * the loss.
 *
 * <p>
 * Only safe work belongs here: reads, or anything else that may run twice. It is retried
 * only
 * <ul>
 * <li>when the failure says the connection itself was lost: SQLState class 08 or 57P
 * anywhere in the cause chain, or Spring's {@link RecoverableDataAccessException};</li>
 * <li>when no transaction of the caller's is open, since a retry could not bring that one
 * back (inside one, the work runs once and its failure ends the transaction as
 * usual);</li>
 * <li>never when no connection was had at all (a pool timeout, or the database known to
 * be down), nor when the server did not answer within the socket timeout (it is stuck or
 * the work is blocked): a second wait would only double the first.</li>
 * </ul>
 * Each retry is logged and counted ({@code storefront_db_read_retries_total} on
 * {@code /metrics}).
 */
public class ReadRetry {

	private final RetryOnce retry;

	public ReadRetry(ServiceIdentity service, MeterRegistry registry) {
		this.retry = new RetryOnce(LoggerFactory.getLogger(ReadRetry.class), service,
				"read retried once: its database connection was lost", registry, "storefront.db.read.retries",
				"Reads run a second time because their database connection was lost");
	}

	/**
	 * Runs {@code read}, and once more if its connection was lost (see the class
	 * description).
	 */
	public <T> T read(Supplier<T> read) {
		return this.retry.run(read, ReadRetry::isConnectionLost);
	}

	/**
	 * Whether {@code failure} is a connection that died under the work, not one that
	 * could not be had.
	 */
	static boolean isConnectionLost(Throwable failure) {
		if (CauseChain.contains(failure, CannotGetJdbcConnectionException.class, SQLTransientConnectionException.class,
				SocketTimeoutException.class)) {
			return false;
		}
		return CauseChain.of(failure)
			.anyMatch((cause) -> cause instanceof RecoverableDataAccessException
					|| (cause instanceof SQLException sql && SqlErrors.isConnectionLostState(sql.getSQLState())));
	}

}
