package io.storefront.cart.web;

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

import io.storefront.web.problem.Problems;

/**
 * A transaction that cannot begin because no database connection can be had is a 503, like any other
 * request that needs the unavailable database. The shared {@code ProblemDetailsAdvice} maps the
 * connection failures of plain JDBC calls to 503 but not Spring's {@link CannotCreateTransactionException}
 * (not a {@code DataAccessException}), which it would answer with 500; this advice runs before it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseTransactionAdvice {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseTransactionAdvice.class);

	@ExceptionHandler(CannotCreateTransactionException.class)
	ResponseEntity<ProblemDetail> transactionCouldNotBegin(CannotCreateTransactionException ex) {
		String detail = "the database is unavailable; retry shortly";
		logger.atWarn()
			.addKeyValue("reason", "database_unavailable")
			.log("request failed with 503: {} (no connection for a transaction: {})", detail,
					(ex.getCause() != null) ? ex.getCause().getClass().getName() : "-");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, detail));
	}

}
