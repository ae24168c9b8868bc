package io.storefront.product.web;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.storefront.web.problem.Problems;

/**
 * A query string that is not valid percent-encoded UTF-8 ({@code ?q=%FF}) makes Tomcat throw when a
 * parameter is first read; the shared handler would answer 500 for it. It is the client's mistake: 400.
 * Runs before the shared {@code ProblemDetailsAdvice}, whose catch-all would otherwise win.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedQueryAdvice {

	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> malformedParameters(InvalidParameterException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
				"the query string is not valid percent-encoded UTF-8, or has too many parameters");
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
	}

}
