package io.storefront.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (rejected by the servlet container or a filter)
 * are forwarded to {@code /error}; they too are answered with problem details instead of
 * Spring Boot's default JSON. A client asking for {@code /error} itself, with any method,
 * gets the 404 of an unknown route. The mapping names no media type, so that no
 * {@code Accept} header, not even an unreadable one, keeps the problem from being
 * written.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	/** Where the servlet container forwards errors; no route to a client. */
	public static final String PATH = "/error";

	@RequestMapping(path = PATH)
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		EdgeSecurityHeaders.addMissing(response);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE));
		}
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (failure instanceof BadRequestException && !(failure instanceof ClientAbortException)) {
			// Tomcat's verdict on a body that breaks its chunked coding, reported as a
			// 500 when an asynchronous read meets it: the client's mistake. (A client
			// gone or silent mid-body is a ClientAbortException, also a
			// BadRequestException, and no one is left to answer.)
			return answer(request,
					Problems.of(HttpStatus.BAD_REQUEST, "the request body's chunked transfer coding is malformed"));
		}
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		return answer(request, Problems.rejected(status.value(), refusedMethod(request)));
	}

	/**
	 * The method of the request that failed: the error dispatch itself is a GET (Servlet
	 * 6.1), which names the original in an attribute.
	 */
	private static String refusedMethod(HttpServletRequest request) {
		return (request.getAttribute(RequestDispatcher.ERROR_METHOD) instanceof String method) ? method
				: request.getMethod();
	}

	/**
	 * {@code OPTIONS} too: for a mapping that names no method, Spring MVC answers it
	 * itself, 200 with an {@code Allow} of every method, as if {@code /error} were a
	 * route.
	 */
	@RequestMapping(path = PATH, method = RequestMethod.OPTIONS)
	public ResponseEntity<ProblemDetail> errorForOptions(HttpServletRequest request, HttpServletResponse response) {
		return error(request, response);
	}

	private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, ProblemDetail problem) {
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			Problems.at(problem, path);
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
