package io.storefront.problem;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers Spring Security writes on the answers of the application (its defaults),
 * for the answers given outside its filter chain: those of Tomcat's error report valve,
 * of the error page Tomcat forwards its own refusals to ({@code TRACE}, an unsupported
 * HTTP version, an unparsable request), and of the filters that answer before Spring
 * Security runs (the body limits, the health probes' 405 and OPTIONS).
 */
public final class EdgeSecurityHeaders {

	private static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-XSS-Protection",
			"0", "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate", "Pragma", "no-cache", "Expires",
			"0", "X-Frame-Options", "DENY");

	private EdgeSecurityHeaders() {
	}

	/** Adds each header the response does not have yet. */
	public static void addMissing(HttpServletResponse response) {
		HEADERS.forEach((name, value) -> {
			if (!response.containsHeader(name)) {
				response.setHeader(name, value);
			}
		});
	}

}
