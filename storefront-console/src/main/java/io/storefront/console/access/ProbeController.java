package io.storefront.console.access;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's own liveness and readiness, open to all (they say nothing about the
 * services): the launcher waits on {@code /health/ready}, as it does for the services.
 */
@RestController
class ProbeController {

	@GetMapping({ "/health/live", "/health/ready" })
	Map<String, String> alive() {
		return Map.of("status", "ready", "service", "storefront-console");
	}

}
