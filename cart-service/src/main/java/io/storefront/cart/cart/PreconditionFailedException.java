package io.storefront.cart.cart;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/** 412: a change's If-Match or If-None-Match failed, so nothing was changed. */
class PreconditionFailedException extends ErrorResponseException {

	PreconditionFailedException(String detail) {
		super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, detail), null);
	}

}
