package io.storefront.web.limit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

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
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader("Retry-After", "1");
		}
		ProblemJson.send(request, response, status, detail);
	}

}
