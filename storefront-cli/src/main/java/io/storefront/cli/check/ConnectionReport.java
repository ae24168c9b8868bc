package io.storefront.cli.check;

/**
 * Connecting with a service's own settings: how long it took, what answered. On failure
 * only {@code error} is set.
 *
 * @param connectMs time to open the connection (TCP, TLS, authentication)
 * @param queryMs round trip of {@code SELECT 1} on the open connection
 * @param unreachable nothing answered (as opposed to an answer that said no)
 */
public record ConnectionReport(boolean ok, String error, boolean unreachable, Double connectMs, Double queryMs,
		String serverVersion, String databaseName, String user, Integer maxConnections, Integer reservedConnections) {

	static ConnectionReport failed(String error) {
		return new ConnectionReport(false, error, false, null, null, null, null, null, null, null);
	}

	static ConnectionReport unreachable(String error) {
		return new ConnectionReport(false, error, true, null, null, null, null, null, null, null);
	}

}
