package io.storefront.db.retry;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.transaction.CommitOutcomeUnknownException;

/**
 * Spring's {@link TransactionTemplate}, which runs a transaction once more when its
 * connection was lost before the commit: the server rolled the first attempt back with
 * its session, so nothing of it was saved, and the pool has retired the dead connections
 * by then ({@code pg_terminate_backend}, a server restart, PgBouncer dropping its server
 * connections). Without it, the writes that happened to be given a connection killed a
 * moment before failed with 503, although they started after the kill.
 *
 * <p>
 * It is retried only
 * <ul>
 * <li>when the failure says the connection was lost ({@link ReadRetry}'s rule), and not
 * in the commit itself: a lost commit may have been saved, so it stays a
 * {@link CommitOutcomeUnknownException} for the caller to read back;</li>
 * <li>when it is the outermost transaction: one that joined the caller's cannot be run
 * again on its own.</li>
 * </ul>
 * A change that leaves the same state however often it is committed (setting a value,
 * deleting all of one owner's rows) may also be run again after a lost commit:
 * {@link #executeIdempotent}. Committing it twice is committing it once, so its caller
 * gets an answer instead of an unknown outcome, unless the second run fails too: then the
 * outcome is still unknown, and the caller is told so.
 *
 * <p>
 * The work inside must be database work only, as it may run twice: a service calls other
 * services before its transaction, never inside. Each retry is logged and counted
 * ({@code storefront_db_transaction_retries_total} on {@code /metrics}).
 */
public class RetryingTransactionTemplate extends TransactionTemplate {

	private static final String METRIC = "storefront.db.transaction.retries";

	private static final String METRIC_DESCRIPTION = "Transactions run a second time because their database "
			+ "connection was lost (before the commit, or in the commit of an idempotent change)";

	private final RetryOnce beforeCommit;

	private final RetryOnce inCommit;

	public RetryingTransactionTemplate(PlatformTransactionManager transactionManager, ServiceIdentity service,
			MeterRegistry registry) {
		super(transactionManager);
		Logger logger = LoggerFactory.getLogger(RetryingTransactionTemplate.class);
		this.beforeCommit = new RetryOnce(logger, service,
				"transaction retried once: its database connection was lost before the commit", registry, METRIC,
				METRIC_DESCRIPTION);
		this.inCommit = new RetryOnce(logger, service,
				"idempotent transaction retried once: its database connection was lost", registry, METRIC,
				METRIC_DESCRIPTION);
	}

	@Override
	public <T> T execute(TransactionCallback<T> action) {
		return this.beforeCommit.run(() -> super.execute(action), RetryingTransactionTemplate::isLostBeforeCommit);
	}

	/**
	 * Runs {@code action} in a transaction, and once more if its connection was lost,
	 * even in the commit: only for work whose second commit changes nothing the first did
	 * not (see the class description).
	 */
	public <T> T executeIdempotent(TransactionCallback<T> action) {
		try {
			return this.inCommit.run(() -> super.execute(action), ReadRetry::isConnectionLost);
		}
		catch (DataAccessException | TransactionException retryFailed) {
			throw keepUnknownOutcome(retryFailed);
		}
	}

	/**
	 * A retry the database failed after a commit whose outcome was unknown leaves it
	 * unknown: the first attempt may have been saved, so the caller must not hear "not
	 * applied".
	 */
	private static RuntimeException keepUnknownOutcome(RuntimeException retryFailed) {
		boolean firstUnknown = Arrays.stream(retryFailed.getSuppressed())
			.anyMatch((first) -> CauseChain.contains(first, CommitOutcomeUnknownException.class));
		if (firstUnknown && !CauseChain.contains(retryFailed, CommitOutcomeUnknownException.class)) {
			return new CommitOutcomeUnknownException(retryFailed);
		}
		return retryFailed;
	}

	static boolean isLostBeforeCommit(Throwable failure) {
		return !CauseChain.contains(failure, CommitOutcomeUnknownException.class)
				&& ReadRetry.isConnectionLost(failure);
	}

}
