package io.storefront.db.health;

import java.time.Instant;
import java.util.Map;

/**
 * The results of the detailed probe: the four operation tests of the design document,
 * what the server says about itself, and for each failed test the reason (a failure
 * carries its cause).
 */
public record OperationReport(boolean connectionTest, boolean readTest, boolean writeTest, boolean transactionTest,
		ServerInfo server, Map<String, String> errors, Instant at) {

	public OperationReport {
		errors = Map.copyOf(errors);
	}

	public boolean allPassed() {
		return this.connectionTest && this.readTest && this.writeTest && this.transactionTest;
	}

	/**
	 * What the server reports: version, database, connections to this database,
	 * connections of this service (pool and monitor), client connections to the whole
	 * server, and its connection limit.
	 */
	public record ServerInfo(String version, String databaseName, int activeConnections, int serviceConnections,
			int serverConnections, int maxConnections, int reservedConnections) {

		static final ServerInfo UNKNOWN = new ServerInfo(null, null, 0, 0, 0, 0, 0);

		/**
		 * Connections ordinary roles may open: {@code max_connections} less the reserved
		 * slots.
		 */
		public int usableConnections() {
			return Math.max(0, this.maxConnections - this.reservedConnections);
		}

	}

}
