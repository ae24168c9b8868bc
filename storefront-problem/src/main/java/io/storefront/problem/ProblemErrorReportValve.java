package io.storefront.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded NUL or a malformed
 * path such as {@code /products/%00}) are answered by the host's error report valve,
 * which writes an HTML page. This valve writes the same problem+json every other error of
 * the service has.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/**
	 * A 400 that reaches this valve is Tomcat's own refusal of a request it could not
	 * take as HTTP: the filters' and Spring's 400s are written before it runs.
	 */
	static final String NOT_HTTP = "the request is not valid HTTP/1.1: a malformed request line, path or header, "
			+ "or a missing or repeated Host or Content-Length header";

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemDetail problem = OversizedRequestHead.problem(request, throwable)
			.orElseGet(() -> (response.getStatus() == 400) ? Problems.of(HttpStatus.BAD_REQUEST, NOT_HTTP)
					: Problems.rejected(response.getStatus(), request.getMethod()));
		try {
			// Bytes, not Tomcat's writer, which would add a charset parameter that no
			// other problem+json answer of the application has.
			byte[] body = ProblemJson.of(Problems.at(problem, request.getRequestURI()))
				.getBytes(StandardCharsets.UTF_8);
			response.setStatus(problem.getStatus());
			EdgeSecurityHeaders.addMissing(response);
			response.setContentType("application/problem+json");
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing more
			// can be sent.
		}
	}

}
