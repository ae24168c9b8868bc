package io.storefront.cli.check;

import java.util.List;

/**
 * One level of the connection budget: what the services may open at most, times the
 * replicas, against what the other side lets them open.
 *
 * @param level {@code server} (the services straight to PostgreSQL), {@code pgbouncer}
 * (the services' connections as PgBouncer's clients, against its {@code max_client_conn})
 * or {@code server behind
 * pgbouncer} (PgBouncer's server connections and the migrations' direct ones, against
 * PostgreSQL)
 * @param server {@code host:port} of what is counted against: the PostgreSQL server or
 * PgBouncer
 * @param perReplica what one replica of every service may open, when that is what scales;
 * {@code null} when the figure does not grow per replica (PgBouncer's pools)
 * @param needed what the services may open at most, all replicas together
 * @param usable what they may open: {@code max_connections} less the reserved slots, or
 * PgBouncer's {@code max_client_conn}
 * @param limitsFrom where PgBouncer's limits were read ({@code console} or its ini),
 * {@code null} for the server level
 * @param detail the arithmetic in one line, for the table
 */
public record BudgetReport(String level, String server, boolean ok, String error, List<String> services, int replicas,
		Integer perReplica, Integer needed, Integer maxConnections, Integer reservedConnections, Integer usable,
		String limitsFrom, String detail) {

	public static final String SERVER = "server";

	public static final String PGBOUNCER = "pgbouncer";

	public static final String SERVER_BEHIND_PGBOUNCER = "server behind pgbouncer";

	public BudgetReport {
		services = List.copyOf(services);
	}

	BudgetReport withDetail(String detail) {
		return new BudgetReport(this.level, this.server, this.ok, this.error, this.services, this.replicas,
				this.perReplica, this.needed, this.maxConnections, this.reservedConnections, this.usable,
				this.limitsFrom, detail);
	}

	static BudgetReport notChecked(String level, String server, List<String> services, int replicas, String reason) {
		return new BudgetReport(level, server, false, reason, services, replicas, null, null, null, null, null, null,
				reason);
	}

}
