package io.storefront.cli.check;

import java.util.List;

/**
 * The connection budget of one database server: what the services' pools may open at most, times the
 * replicas, against what the server lets ordinary roles open.
 *
 * @param perReplica sum over the services of (maximum pool size + 2 monitor connections)
 * @param needed {@code perReplica × replicas}
 * @param usable {@code max_connections} less the reserved slots
 */
public record BudgetReport(String server, boolean ok, String error, List<String> services, int replicas,
		int perReplica, int needed, Integer maxConnections, Integer reservedConnections, Integer usable) {

	public BudgetReport {
		services = List.copyOf(services);
	}

}
