package io.storefront.console.page;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings of a console a browser test watches: polled every 200 ms so that the page
 * changes within the test, the ages at which a silent instance turns stale and down that
 * the test needs, and a history file of the test's own.
 */
final class PolledConsole {

	private PolledConsole() {
	}

	static void settings(DynamicPropertyRegistry registry, Supplier<Object> services, String staleAfter,
			String downAfter, Supplier<Object> historyFile) {
		registry.add("storefront.console.services", services);
		registry.add("storefront.console.poll-interval", () -> "200ms");
		registry.add("storefront.console.stale-after", () -> staleAfter);
		registry.add("storefront.console.down-after", () -> downAfter);
		registry.add("storefront.console.history-file", historyFile);
	}

}
