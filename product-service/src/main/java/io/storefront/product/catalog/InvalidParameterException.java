package io.storefront.product.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.web.problem.Problems;
import io.storefront.web.problem.Problems.FieldProblem;

/** 422 naming one request parameter, for rules the annotations cannot express. */
class InvalidParameterException extends ErrorResponseException {

	InvalidParameterException(String parameter, String message) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, Problems.invalidFields(List.of(new FieldProblem(parameter, message))),
				null);
	}

}
