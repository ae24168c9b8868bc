package io.storefront.auth.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.web.problem.Problems;
import io.storefront.web.problem.Problems.FieldProblem;

/** 422 naming one field, for a rule bean validation cannot express (it spans the body and a header). */
public class InvalidFieldException extends ErrorResponseException {

	public InvalidFieldException(String field, String message) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, Problems.invalidFields(List.of(new FieldProblem(field, message))), null);
	}

}
