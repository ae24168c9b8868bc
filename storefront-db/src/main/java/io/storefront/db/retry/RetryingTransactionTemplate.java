package io.storefront.db.retry;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
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
 * deleting all of one owner's rows) may also have a lost commit resolved:
 * {@link #executeIdempotent} asks the server what became of the transaction
 * ({@code pg_xact_status}), answers with the first run's result when it committed, runs
 * it once more when it was rolled back, and leaves the outcome unknown when the server
 * cannot say. Running it again blindly would be wrong even so: between the lost commit
 * and the second run another request may have changed the same rows, and been told.
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

	private final Logger logger;

	private final String service;

	/** Asks the server what became of a lost commit; none without a JDBC data source. */
	private final LostCommits lostCommits;

	private final RetryOnce beforeCommit;

	private final RetryOnce inCommit;

	public RetryingTransactionTemplate(PlatformTransactionManager transactionManager, ServiceIdentity service,
			MeterRegistry registry) {
		super(transactionManager);
		Logger logger = LoggerFactory.getLogger(RetryingTransactionTemplate.class);
		this.logger = logger;
		this.service = service.name();
		this.lostCommits = (transactionManager instanceof DataSourceTransactionManager jdbc)
				? new LostCommits(jdbc.getDataSource()) : null;
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
	 * Runs {@code action} in a transaction, and once more if its connection was lost
	 * before the commit, or in the commit when the server says the transaction was rolled
	 * back. When the server says it committed, the caller gets the first run's answer:
	 * running it again would overwrite whatever another request changed since, and was
	 * told (the lock the change held ends with its commit). When the server cannot say,
	 * the outcome stays unknown.
	 */
	public <T> T executeIdempotent(TransactionCallback<T> action) {
		return this.inCommit.run(() -> resolvingALostCommit(action), RetryingTransactionTemplate::mayRunAgain);
	}

	private <T> T resolvingALostCommit(TransactionCallback<T> action) {
		Attempt<T> attempt = new Attempt<>();
		try {
			return super.execute((status) -> {
				attempt.transactionId = (this.lostCommits != null) ? this.lostCommits.currentTransactionId() : null;
				attempt.result = action.doInTransaction(status);
				attempt.answered = true;
				return attempt.result;
			});
		}
		catch (RuntimeException failure) {
			// Only this transaction's own commit is asked about: a lost commit inside
			// the action (a nested transaction's) left this one rolled back, not the
			// other.
			if (!attempt.answered || attempt.transactionId == null
					|| !CauseChain.contains(failure, CommitOutcomeUnknownException.class)) {
				throw failure;
			}
			return switch (this.lostCommits.outcomeOf(attempt.transactionId)) {
				case COMMITTED -> {
					this.logger.atInfo()
						.addKeyValue("pool", this.service)
						.log("{} - a commit that lost its connection was found committed: answered, not run again",
								this.service);
					yield attempt.result;
				}
				case ROLLED_BACK -> throw new RolledBackCommit(failure);
				case UNKNOWN -> throw failure;
			};
		}
	}

	private static boolean mayRunAgain(Throwable failure) {
		return failure instanceof RolledBackCommit || isLostBeforeCommit(failure);
	}

	/** One run: its transaction's id, and what it answered before its commit. */
	private static final class Attempt<T> {

		private String transactionId;

		private T result;

		/** Whether the action returned, so that a failure came from the commit. */
		private boolean answered;

	}

	/** A commit that lost its connection and that the server rolled back: not applied. */
	static final class RolledBackCommit extends DataAccessResourceFailureException {

		RolledBackCommit(Throwable cause) {
			super("the database connection was lost in the commit, and the server rolled the transaction back", cause);
		}

	}

	static boolean isLostBeforeCommit(Throwable failure) {
		return !CauseChain.contains(failure, CommitOutcomeUnknownException.class)
				&& ReadRetry.isConnectionLost(failure);
	}

}
