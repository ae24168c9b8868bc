package io.storefront.product.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/** 412: the request's {@code If-Match} names a version the product no longer has. */
class VersionMismatchException extends ErrorResponseException {

	VersionMismatchException(long id) {
		super(HttpStatus.PRECONDITION_FAILED,
				Problems.of(HttpStatus.PRECONDITION_FAILED,
						"product " + id
								+ " has changed since the If-Match entity tag was read; fetch it again and retry"),
				null);
	}

}
