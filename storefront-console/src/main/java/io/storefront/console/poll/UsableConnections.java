package io.storefront.console.poll;

import tools.jackson.databind.JsonNode;

/**
 * The connections a database server lets the services open: its {@code max_connections}
 * less the slots it keeps back ({@code database_info}'s {@code reserved_connections}, the
 * server's {@code superuser_reserved_connections} and {@code reserved_connections}
 * together). A degraded instance's reason counts against it ({@code server connections
 * 90 of 97 usable}), and the pool cell shows it, so that both say the same number.
 */
public final class UsableConnections {

	private UsableConnections() {
	}

	/**
	 * @param databaseInfo {@code /health/detailed}'s {@code database_info}
	 * @return the usable connections; {@code null} while the server's
	 * {@code max_connections} is unknown
	 */
	public static Integer of(JsonNode databaseInfo) {
		if (databaseInfo == null || !databaseInfo.path("max_connections").isNumber()) {
			return null;
		}
		return databaseInfo.path("max_connections").asInt() - databaseInfo.path("reserved_connections").asInt(0);
	}

}
