package io.storefront.cli.check;

/**
 * Connecting with a service's own settings: how long it took, what answered. On failure only
 * {@code error} is set.
 *
 * @param connectMs time to open the connection (TCP, TLS, authentication)
 * @param queryMs round trip of {@code SELECT 1} on the open connection
 */
public record ConnectionReport(boolean ok, String error, Double connectMs, Double queryMs, String serverVersion,
		String databaseName, String user, Integer maxConnections, Integer reservedConnections) {

	static ConnectionReport failed(String error) {
		return new ConnectionReport(false, error, null, null, null, null, null, null, null);
	}

}
