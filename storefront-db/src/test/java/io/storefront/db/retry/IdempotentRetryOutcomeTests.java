package io.storefront.db.retry;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.KnownServices;
import io.storefront.db.transaction.CommitOutcomeUnknownException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * What the caller of {@link RetryingTransactionTemplate#executeIdempotent} hears when its
 * transaction's connection is lost and the database then cannot be reached (it is
 * restarting, say). The transaction manager stands in for such a database.
 */
class IdempotentRetryOutcomeTests {

	/**
	 * A lost commit is run again only when the server says it was rolled back: one whose
	 * fate nobody can ask about (here, no JDBC data source to ask through) stays unknown.
	 */
	@Test
	void aLostCommitTheServerCannotBeAskedAboutStaysUnknownAndIsNotRunAgain() {
		LosingDatabase database = new LosingDatabase(true);

		RuntimeException failure = catchRuntimeException(() -> template(database).executeIdempotent((status) -> 1));

		assertThat(database.begun).hasValue(1);
		assertThat(CauseChain.contains(failure, CommitOutcomeUnknownException.class)).as(failure.toString()).isTrue();
	}

	@Test
	void aRetryThatFailsAfterAConnectionLostBeforeTheCommitIsNotApplied() {
		LosingDatabase database = new LosingDatabase(false);

		RuntimeException failure = catchRuntimeException(() -> template(database).executeIdempotent((status) -> 1));

		assertThat(database.begun).hasValue(2);
		assertThat(CauseChain.contains(failure, CommitOutcomeUnknownException.class)).as(failure.toString()).isFalse();
	}

	private static RetryingTransactionTemplate template(LosingDatabase database) {
		return new RetryingTransactionTemplate(database, KnownServices.CART, null);
	}

	/**
	 * Loses the first transaction (in its commit, or before it), then refuses to begin
	 * another.
	 */
	private static final class LosingDatabase extends AbstractPlatformTransactionManager {

		private final boolean loseInCommit;

		private final AtomicInteger begun = new AtomicInteger();

		LosingDatabase(boolean loseInCommit) {
			this.loseInCommit = loseInCommit;
		}

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			if (this.begun.incrementAndGet() > 1) {
				throw new CannotCreateTransactionException("the database is restarting",
						new SQLException("Connection refused", "08001"));
			}
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
			throw this.loseInCommit ? new CommitOutcomeUnknownException(lost)
					: new DataAccessResourceFailureException("terminating connection", lost);
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}
