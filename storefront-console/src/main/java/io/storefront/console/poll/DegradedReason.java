package io.storefront.console.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Why {@code /health/detailed} says degraded (or unhealthy), in one line from its own
 * fields.
 */
final class DegradedReason {

	private DegradedReason() {
	}

	static String of(JsonNode detailed) {
		List<String> reasons = new ArrayList<>();
		JsonNode tests = detailed.path("operation_tests");
		for (Map.Entry<String, JsonNode> test : tests.properties()) {
			if (test.getValue().isBoolean() && !test.getValue().asBoolean()) {
				reasons.add(test.getKey().replace('_', ' ') + " failed");
			}
		}
		int waiting = detailed.path("pool_status").path("threads_awaiting_connection").asInt(0);
		if (waiting > 0) {
			reasons.add(waiting + " thread" + ((waiting == 1) ? "" : "s") + " waiting for a connection");
		}
		for (Map.Entry<String, JsonNode> error : detailed.path("errors").properties()) {
			// Our services send text; another version may send a structure: its JSON.
			JsonNode value = error.getValue();
			reasons.add(error.getKey() + ": " + (value.isValueNode() ? value.asString("") : value.toString()));
		}
		return reasons.isEmpty() ? detailed.path("overall_status").asString("") + " (no reason given)"
				: String.join("; ", reasons);
	}

}
