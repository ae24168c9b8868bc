package io.storefront.product.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 412: the product's current version fails the request's {@code If-Match} or
 * {@code If-None-Match}.
 */
class VersionMismatchException extends ErrorResponseException {

	private VersionMismatchException(String detail) {
		super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, detail), null);
	}

	static VersionMismatchException ifMatchFailed(long id) {
		return new VersionMismatchException(
				"product " + id + " has changed since the If-Match entity tag was read; fetch it again and retry");
	}

	static VersionMismatchException ifNoneMatchFailed(long id) {
		return new VersionMismatchException("product " + id
				+ " exists and its current version is one If-None-Match excludes (or If-None-Match is *); "
				+ "it was left unchanged");
	}

}
