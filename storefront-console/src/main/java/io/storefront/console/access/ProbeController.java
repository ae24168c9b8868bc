package io.storefront.console.access;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's own liveness and readiness, open to all (they say nothing about the
 * services), in the services' words: the launcher waits on {@code /health/ready}, as it
 * does for the services.
 */
@RestController
class ProbeController {

	private static final String SERVICE = "storefront-console";

	static final String LIVE = "/health/live";

	static final String READY = "/health/ready";

	/**
	 * Whether {@code request} asks for one of these probes, by its path as mapped
	 * (decoded, dot segments resolved), not as it was sent.
	 */
	static boolean isProbe(HttpServletRequest request) {
		String path = request.getServletPath();
		return path.equals(LIVE) || path.equals(READY);
	}

	@GetMapping(path = LIVE, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> live() {
		return Map.of("status", "alive", "service", SERVICE);
	}

	@GetMapping(path = READY, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> ready() {
		return Map.of("status", "ready", "service", SERVICE);
	}

}
