package io.storefront.web.limit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.storefront.problem.EdgeSecurityHeaders;
import io.storefront.problem.ProblemJson;

/**
 * A refusal written by the body filters themselves, which run before Spring MVC: the
 * problem+json a controller's refusal would be, with {@code Retry-After: 1} on a 503.
 */
final class ProblemAnswer {

	private ProblemAnswer() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader("Retry-After", "1");
		}
		EdgeSecurityHeaders.addMissing(response);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(ProblemJson.of(status, detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
	}

}
