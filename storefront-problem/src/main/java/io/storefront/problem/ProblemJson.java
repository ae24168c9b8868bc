package io.storefront.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * The problem+json body for answers written before Spring MVC's message converters are
 * reached (servlet filters, the security entry points, Tomcat's error report valve): a
 * {@link ProblemDetail} from {@link Problems}, through Spring's own Jackson mix-in, so
 * that its members and their order are those of the problems controllers answer.
 */
public final class ProblemJson {

	private static final JsonMapper mapper = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private ProblemJson() {
	}

	/**
	 * @param path the request's path, written as the problem's {@code instance}
	 */
	public static String of(HttpStatus status, String detail, String path) {
		return of(Problems.at(Problems.of(status, detail), path));
	}

	public static String of(ProblemDetail problem) {
		return mapper.writeValueAsString(problem);
	}

	/**
	 * Answers the request with a problem, from code that runs before Spring MVC. The body
	 * is written as bytes, so that no charset parameter is added to the media type, as
	 * none is on the problems controllers answer.
	 */
	public static void send(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		byte[] body = of(status, detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status.value());
		EdgeSecurityHeaders.addMissing(response);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
