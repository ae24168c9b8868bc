package io.storefront.console.access;

import java.util.Map;

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

	@GetMapping("/health/live")
	Map<String, String> live() {
		return Map.of("status", "alive", "service", SERVICE);
	}

	@GetMapping("/health/ready")
	Map<String, String> ready() {
		return Map.of("status", "ready", "service", SERVICE);
	}

}
