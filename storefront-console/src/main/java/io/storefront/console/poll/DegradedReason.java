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

	/**
	 * The share of the server's usable connections at which the services say degraded.
	 */
	private static final double NEARLY_ALL = 0.9;

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
		JsonNode pool = detailed.path("pool_status");
		int waiting = pool.path("threads_awaiting_connection").asInt(0);
		if (waiting > 0) {
			reasons.add(waiting + " thread" + ((waiting == 1) ? "" : "s") + " waiting for a connection");
		}
		int maximum = pool.path("maximum_pool_size").asInt(0);
		if (maximum > 0 && pool.path("checked_out_connections").asInt(0) >= maximum) {
			reasons.add("all " + maximum + " connections of the pool in use");
		}
		JsonNode server = detailed.path("database_info");
		Integer usable = UsableConnections.of(server);
		int taken = server.path("server_connections").asInt(0);
		if (usable != null && usable > 0 && taken >= NEARLY_ALL * usable) {
			reasons.add("server connections " + taken + " of " + usable + " usable");
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
