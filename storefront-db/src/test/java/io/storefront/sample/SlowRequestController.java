package io.storefront.sample;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A request that takes as long as it is told: what a shutdown must let finish. */
@RestController
class SlowRequestController {

	static final String STARTED = "slow request started";

	private static final Logger logger = LoggerFactory.getLogger(SlowRequestController.class);

	@GetMapping("/sample/slow")
	Map<String, Long> slow(@RequestParam long millis) throws InterruptedException {
		logger.info(STARTED);
		Thread.sleep(Duration.ofMillis(millis));
		return Map.of("slept_ms", millis);
	}

}
