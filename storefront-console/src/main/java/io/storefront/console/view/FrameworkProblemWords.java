package io.storefront.console.view;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.storefront.problem.Problems;
import io.storefront.problem.RouteRefusingExceptionHandler;

/**
 * Spring MVC's problems for an unknown path, a path variable of the wrong type, a method
 * the route does not take and an {@code Accept} it cannot satisfy, in the services' words
 * rather than the framework's ({@code No static resource nope.},
 * {@code Failed to convert 'index' with value: 'abc'}, {@code Method 'DELETE' is not
 * supported.}, {@code Acceptable representations: [application/json].}); the last two as
 * the services word them ({@link RouteRefusingExceptionHandler}). Being a
 * {@code ResponseEntityExceptionHandler}, it takes the place of Spring Boot's own, and
 * keeps every other answer of it.
 */
@RestControllerAdvice
class FrameworkProblemWords extends RouteRefusingExceptionHandler {

	/**
	 * What {@link DecimalIndexEditor} takes: {@code 01} and {@code +1} are whole numbers
	 * too, but not as JSON writes them.
	 */
	private static final String WHOLE_NUMBER = " must be a whole number as JSON writes it: digits 0-9, no leading "
			+ "zero or plus sign";

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return createResponseEntity(Problems.of(HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE), headers, status,
				request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return createResponseEntity(Problems.of(HttpStatus.BAD_REQUEST, ex.getPropertyName() + WHOLE_NUMBER), headers,
				status, request);
	}

	/**
	 * A problem is written as problem+json whatever the request's {@code Accept} says, as
	 * the services' are: with a header that cannot be read ({@code *}{@code /*;q=abc}),
	 * content negotiation would otherwise leave the error without a body.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail) {
			HttpHeaders problemHeaders = new HttpHeaders();
			if (headers != null) {
				problemHeaders.putAll(headers);
			}
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			headers = problemHeaders;
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/**
	 * A form or query string that is not valid percent-encoded UTF-8
	 * ({@code token=secret%ZZ}), which Tomcat throws at when the login form's token is
	 * read: the client's mistake, a 400. Answered here, the exception is never logged:
	 * its message quotes the value, the very token.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> malformedParameters(InvalidParameterException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.BAD_REQUEST,
					"the form or query string is not valid: a parameter without a name, text that is not "
							+ "percent-encoded UTF-8, or too many parameters"));
	}

}
