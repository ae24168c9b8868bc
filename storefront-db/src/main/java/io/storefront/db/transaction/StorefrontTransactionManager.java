package io.storefront.db.transaction;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.storefront.db.pool.SqlErrors;

/**
 * Spring Boot's {@link JdbcTransactionManager}, with two changes for a connection lost
 * mid-transaction:
 * <ul>
 * <li>a commit that lost its connection becomes {@link CommitOutcomeUnknownException},
 * because only then may a change that was not acknowledged have been made all the same; a
 * failure before the commit (a statement that lost its connection, or no connection at
 * all) means the transaction was rolled back, for certain, and is left as it is;</li>
 * <li>a rollback on a connection that is already gone succeeds quietly: the server ended
 * the transaction with the session, so there is nothing to roll back, and the failure
 * that led to the rollback (the lost commit, or the statement's error) is the one the
 * caller should see, rather than Spring's "overridden by rollback exception".</li>
 * </ul>
 */
public class StorefrontTransactionManager extends JdbcTransactionManager {

	public StorefrontTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		try {
			super.doCommit(status);
		}
		catch (DataAccessException | TransactionException ex) {
			if (SqlErrors.isConnectionLost(ex)) {
				throw new CommitOutcomeUnknownException(ex);
			}
			throw ex;
		}
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (DataAccessException | TransactionException ex) {
			if (!SqlErrors.isConnectionLost(ex) && !connectionClosed()) {
				throw ex;
			}
		}
	}

	/**
	 * Whether the transaction's connection is closed: HikariCP closes one that failed
	 * with a lost connection, and then answers every call with a plain "Connection is
	 * closed" that has no SQLState.
	 */
	private boolean connectionClosed() {
		Object resource = TransactionSynchronizationManager.getResource(obtainDataSource());
		if (!(resource instanceof ConnectionHolder holder)) {
			return false;
		}
		try {
			return holder.getConnection().isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

}
