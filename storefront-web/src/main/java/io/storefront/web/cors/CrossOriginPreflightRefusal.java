package io.storefront.web.cors;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import io.storefront.problem.ProblemErrorController;
import io.storefront.problem.ProblemJson;
import io.storefront.problem.Problems;

/**
 * Refuses a browser's CORS preflight on a route that exists (403): the services are
 * called by other services and by pages of their own origin, and send no CORS headers.
 * Without this, Spring MVC answered every preflight 200 with an empty body and an
 * {@code Allow} listing every method the servlet implements, on unknown routes too. A
 * preflight for an unknown route reaches no handler, so it is the 404 of any unknown
 * route, and so is one for {@code /error}, where errors are forwarded; one for a
 * protected route is Spring Security's 401 before it gets here.
 */
public class CrossOriginPreflightRefusal implements HandlerInterceptor {

	static final String DETAIL = "this service takes no cross-origin requests from browsers: it sends no CORS headers";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!CorsUtils.isPreFlightRequest(request)) {
			return true;
		}
		if (ProblemErrorController.PATH.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
			ProblemJson.send(request, response, HttpStatus.NOT_FOUND, Problems.NO_SUCH_ROUTE);
		}
		else {
			ProblemJson.send(request, response, HttpStatus.FORBIDDEN, DETAIL);
		}
		return false;
	}

}
