package io.storefront.db.transaction;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The connection was lost while a transaction was being committed, so nobody on this side
 * can tell whether the commit happened: the server may have made it durable and lost only
 * the answer. The change must be checked (read back) before it is tried again; a 503 says
 * so.
 */
public class CommitOutcomeUnknownException extends DataAccessResourceFailureException {

	public CommitOutcomeUnknownException(Throwable cause) {
		super("the database connection was lost while committing; the transaction may or may not have been committed",
				cause);
	}

}
