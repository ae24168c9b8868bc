package io.storefront.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's exceptions answered as problems, with a 405 and a 406 that say what the
 * route takes and answers with ({@link RouteRefusals}): what the services' and the status
 * console's handlers share.
 */
public abstract class RouteRefusingExceptionHandler extends ResponseEntityExceptionHandler {

	/** The route and the methods it takes, all of them in {@code Allow}. */
	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return super.handleHttpRequestMethodNotSupported(ex, RouteRefusals.methodNotAllowed(ex, headers, request),
				status, request);
	}

	/**
	 * The types the route answers with, and that the {@code Accept} header allows none.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RouteRefusals.notAcceptable(ex, request);
		return super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request);
	}

}
