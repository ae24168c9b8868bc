package io.storefront.cli.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up, per database server, the connections the services may open: each pool's maximum size
 * ({@code DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW}) plus the two connections each service's health
 * monitor keeps, times the replicas, and compares it with the server's {@code max_connections} less
 * the slots reserved for superusers (and, from PostgreSQL 16, {@code reserved_connections}).
 */
public final class BudgetCheck {

	/** The health monitor's own connections, outside the pool: one for /health, one for /health/detailed. */
	public static final int MONITOR_CONNECTIONS = 2;

	private BudgetCheck() {
	}

	static List<BudgetReport> run(List<ServiceTarget> targets, Map<ServiceTarget, ConnectionReport> connections,
			int replicas) {
		Map<String, List<ServiceTarget>> byServer = new LinkedHashMap<>();
		for (ServiceTarget target : targets) {
			if (target.configured()) {
				byServer.computeIfAbsent(target.server(), (server) -> new ArrayList<>()).add(target);
			}
		}
		List<BudgetReport> reports = new ArrayList<>();
		byServer.forEach((server, group) -> reports.add(budget(server, group, connections, replicas)));
		return reports;
	}

	private static BudgetReport budget(String server, List<ServiceTarget> group,
			Map<ServiceTarget, ConnectionReport> connections, int replicas) {
		int perReplica = group.stream()
			.mapToInt((target) -> target.settings().database().pool().maximumSize() + MONITOR_CONNECTIONS)
			.sum();
		int needed = perReplica * replicas;
		List<String> names = group.stream().map((target) -> target.service().name()).toList();
		ConnectionReport facts = group.stream()
			.map(connections::get)
			.filter((report) -> report != null && report.ok())
			.findFirst()
			.orElse(null);
		if (facts == null) {
			return new BudgetReport(server, false, "not checked: no service could connect to " + server, names,
					replicas, perReplica, needed, null, null, null);
		}
		int usable = Math.max(0, facts.maxConnections() - facts.reservedConnections());
		String error = (needed <= usable) ? null
				: "over budget: " + needed + " connections needed, " + usable + " usable (max_connections "
						+ facts.maxConnections() + " - " + facts.reservedConnections() + " reserved)";
		return new BudgetReport(server, error == null, error, names, replicas, perReplica, needed,
				facts.maxConnections(), facts.reservedConnections(), usable);
	}

}
