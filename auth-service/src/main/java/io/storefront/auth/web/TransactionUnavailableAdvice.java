package io.storefront.auth.web;

import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.web.problem.Problems;

/**
 * A transaction that cannot start because no connection can be had is the same 503 as a plain query
 * that cannot get one. storefront-web's {@code ProblemDetailsAdvice} maps the JDBC exceptions but not
 * {@link CannotCreateTransactionException}, which would otherwise end as a 500; this fills that gap
 * with the same answers (and goes away once the shared advice handles it).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TransactionUnavailableAdvice {

	private static final Logger logger = LoggerFactory.getLogger(TransactionUnavailableAdvice.class);

	@ExceptionHandler(CannotCreateTransactionException.class)
	ResponseEntity<ProblemDetail> transactionUnavailable(CannotCreateTransactionException ex) {
		boolean poolExhausted = hasCause(ex, SQLTransientConnectionException.class)
				&& !hasCause(ex, DatabaseUnavailableException.class);
		String detail = poolExhausted
				? "the service is overloaded: no database connection became free in time; retry shortly"
				: "the database is unavailable; retry shortly";
		logger.atWarn()
			.addKeyValue("reason", poolExhausted ? "pool_exhausted" : "database_unavailable")
			.log("request failed with 503: {}", detail);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, detail));
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
