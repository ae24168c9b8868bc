package io.storefront.web.problem;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems.FieldProblem;
import io.storefront.problem.Problems;

/**
 * 422 naming one body field or request parameter, for a rule the validation annotations
 * cannot express (it spans the body and a header, or counts the words of a query).
 * {@link ProblemDetailsAdvice} answers it as the same problem+json as a failed
 * annotation.
 */
public class InvalidFieldException extends ErrorResponseException {

	public InvalidFieldException(String field, String message) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, Problems.invalidFields(List.of(new FieldProblem(field, message))),
				null);
	}

}
