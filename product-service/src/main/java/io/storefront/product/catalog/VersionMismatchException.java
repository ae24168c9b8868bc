package io.storefront.product.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;
import io.storefront.product.catalog.EntityTags.Precondition;

/**
 * 412: the product's current version fails the request's {@code If-Match} or
 * {@code If-None-Match}.
 */
class VersionMismatchException extends ErrorResponseException {

	private VersionMismatchException(String detail) {
		super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, detail), null);
	}

	/**
	 * The 412 for an {@code If-Match} the current version fails: either the product
	 * changed since its tag was read, or the header names no tag this service issues
	 * (typically the version typed without its quotes), which only the second wording
	 * helps to fix.
	 */
	static VersionMismatchException ifMatchFailed(long id, Precondition ifMatch) {
		if (ifMatch.unsatisfiable()) {
			return new VersionMismatchException("If-Match names no version of product " + id
					+ ": send the entity tag as the ETag header gives it, in quotes (\"3\"), not weak (W/\"3\")");
		}
		return new VersionMismatchException(
				"product " + id + " has changed since the If-Match entity tag was read; fetch it again and retry");
	}

	static VersionMismatchException ifNoneMatchFailed(long id) {
		return new VersionMismatchException("product " + id
				+ " exists and its current version is one If-None-Match excludes (or If-None-Match is *); "
				+ "it was left unchanged");
	}

}
