package io.storefront.cli.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.storefront.db.pgbouncer.PgBouncerConsole;
import io.storefront.cli.pgbouncer.PgBouncerLimits;
import io.storefront.cli.pgbouncer.PgBouncerProvisioning;
import io.storefront.cli.pgbouncer.PgBouncerSizing;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;

/**
 * The connection budget, per database server and, for services behind a PgBouncer, at
 * both levels. Straight to PostgreSQL: each pool's maximum
 * ({@code DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW}) plus the monitor's two
 * connections, times the replicas, against {@code max_connections} less the slots
 * reserved for superusers (and, from PostgreSQL 16, {@code reserved_connections}).
 * Through PgBouncer the same sum counts against its {@code max_client_conn}, and what
 * reaches the server is PgBouncer's pools (each database's pool and reserve, capped by
 * {@code max_db_connections}) plus the migrations' direct connection per replica
 * ({@code DATABASE_MIGRATION_URL}).
 */
public final class BudgetCheck {

	/**
	 * The health monitor's own connections, outside the pool: one for /health, one for
	 * /health/detailed.
	 */
	public static final int MONITOR_CONNECTIONS = PgBouncerSizing.MONITOR_CONNECTIONS;

	private BudgetCheck() {
	}

	/**
	 * @param pgbouncerDirectory where {@code db provision --pgbouncer} wrote
	 * {@code pgbouncer.ini}, read when the console cannot be; {@code null} for none
	 */
	static List<BudgetReport> run(List<ServiceTarget> targets, Map<ServiceTarget, ConnectionReport> connections,
			int replicas, Path pgbouncerDirectory) {
		Map<String, List<ServiceTarget>> direct = new LinkedHashMap<>();
		Map<String, List<ServiceTarget>> pooled = new LinkedHashMap<>();
		for (ServiceTarget target : targets) {
			if (target.configured()) {
				boolean throughPgBouncer = target.settings().database().pooler() == DatabasePooler.PGBOUNCER;
				(throughPgBouncer ? pooled : direct).computeIfAbsent(target.server(), (server) -> new ArrayList<>())
					.add(target);
			}
		}
		List<BudgetReport> reports = new ArrayList<>();
		direct.forEach((server, group) -> reports.add(server(server, group, connections, replicas)));
		pooled.forEach((pgbouncer, group) -> reports
			.addAll(behindPgBouncer(pgbouncer, group, connections, replicas, pgbouncerDirectory)));
		List<String> unread = targets.stream()
			.filter((target) -> !target.configured())
			.map((target) -> target.service().name())
			.toList();
		return unread.isEmpty() ? reports : reports.stream().map((report) -> leavingOut(report, unread)).toList();
	}

	/**
	 * A budget that holds only for the services whose settings could be read says whom it
	 * leaves out.
	 */
	private static BudgetReport leavingOut(BudgetReport report, List<String> unread) {
		return report.withDetail(report.detail() + "; without " + String.join(", ", unread) + " (settings not read)");
	}

	private static BudgetReport server(String server, List<ServiceTarget> group,
			Map<ServiceTarget, ConnectionReport> connections, int replicas) {
		int perReplica = clientsPerReplica(group);
		int needed = perReplica * replicas;
		List<String> names = names(group);
		ConnectionReport facts = facts(group, connections);
		if (facts == null) {
			return BudgetReport.notChecked(BudgetReport.SERVER, server, names, replicas,
					"not checked: no service could connect to " + server);
		}
		int usable = usable(facts);
		int monitors = group.size() * MONITOR_CONNECTIONS;
		String detail = needed + " connections needed (pools " + (perReplica - monitors) + " + monitors " + monitors
				+ ", x " + replicas(replicas) + "), " + usable + " usable (max_connections " + facts.maxConnections()
				+ " - " + facts.reservedConnections() + " reserved)";
		boolean ok = needed <= usable;
		return new BudgetReport(BudgetReport.SERVER, server, ok, ok ? null : "over budget: " + detail, names, replicas,
				perReplica, needed, facts.maxConnections(), facts.reservedConnections(), usable, null, detail);
	}

	private static List<BudgetReport> behindPgBouncer(String pgbouncer, List<ServiceTarget> group,
			Map<ServiceTarget, ConnectionReport> connections, int replicas, Path pgbouncerDirectory) {
		List<String> names = names(group);
		String server = serverBehind(pgbouncer, group);
		PgBouncerLimits limits;
		try {
			limits = limits(group, pgbouncerDirectory);
		}
		catch (LimitsUnknownException ex) {
			return List.of(BudgetReport.notChecked(BudgetReport.PGBOUNCER, pgbouncer, names, replicas, ex.getMessage()),
					BudgetReport.notChecked(BudgetReport.SERVER_BEHIND_PGBOUNCER, server, names, replicas,
							"not checked: PgBouncer's pool limits are unknown"));
		}
		return List.of(clients(pgbouncer, group, replicas, limits),
				serverBehindPgBouncer(server, group, connections, replicas, limits));
	}

	private static BudgetReport clients(String pgbouncer, List<ServiceTarget> group, int replicas,
			PgBouncerLimits limits) {
		int perReplica = clientsPerReplica(group);
		int needed = perReplica * replicas;
		int monitors = group.size() * MONITOR_CONNECTIONS;
		String detail = needed + " clients needed (pools " + (perReplica - monitors) + " + monitors " + monitors
				+ ", x " + replicas(replicas) + "), max_client_conn " + limits.maxClientConn() + " (" + limits.source()
				+ ")";
		boolean ok = needed <= limits.maxClientConn();
		return new BudgetReport(BudgetReport.PGBOUNCER, pgbouncer, ok, ok ? null : "over budget: " + detail,
				names(group), replicas, perReplica, needed, null, null, limits.maxClientConn(), limits.source(),
				detail);
	}

	private static BudgetReport serverBehindPgBouncer(String server, List<ServiceTarget> group,
			Map<ServiceTarget, ConnectionReport> connections, int replicas, PgBouncerLimits limits) {
		List<String> names = names(group);
		ConnectionReport facts = facts(group, connections);
		if (facts == null) {
			return BudgetReport.notChecked(BudgetReport.SERVER_BEHIND_PGBOUNCER, server, names, replicas,
					"not checked: no service reached PostgreSQL through PgBouncer");
		}
		List<String> pools = new ArrayList<>();
		int pooledConnections = 0;
		for (ServiceTarget target : group) {
			String database = target.settings().database().database();
			OptionalInt pool = limits.serverConnections().getOrDefault(database, OptionalInt.empty());
			if (pool.isEmpty()) {
				return BudgetReport.notChecked(BudgetReport.SERVER_BEHIND_PGBOUNCER, server, names, replicas,
						"not checked: PgBouncer (" + limits.source() + ") sets no pool limit for " + database);
			}
			pools.add(Integer.toString(pool.getAsInt()));
			pooledConnections += pool.getAsInt();
		}
		int migrations = replicas * (int) group.stream().filter(BudgetCheck::migratesDirectly).count();
		int needed = pooledConnections + migrations;
		int usable = usable(facts);
		String detail = needed + " connections needed (PgBouncer's pools " + String.join(" + ", pools)
				+ " + migrations " + migrations + " for " + replicas(replicas) + "), " + usable
				+ " usable (max_connections " + facts.maxConnections() + " - " + facts.reservedConnections()
				+ " reserved)";
		boolean ok = needed <= usable;
		return new BudgetReport(BudgetReport.SERVER_BEHIND_PGBOUNCER, server, ok, ok ? null : "over budget: " + detail,
				names, replicas, null, needed, facts.maxConnections(), facts.reservedConnections(), usable,
				limits.source(), detail);
	}

	/**
	 * The console first, logged in as one of the services (PgBouncer's
	 * {@code stats_users}), else the ini {@code db provision --pgbouncer} wrote.
	 */
	private static PgBouncerLimits limits(List<ServiceTarget> group, Path pgbouncerDirectory) {
		DatabaseSettings login = group.get(0).settings().database();
		String consoleProblem;
		try {
			return PgBouncerLimits.fromConsole(new PgBouncerConsole(login.host(), login.port(), login.user(),
					login.hasPassword() ? login.password() : ""));
		}
		catch (PgBouncerConsole.ConsoleRefusedException ex) {
			consoleProblem = ex.getMessage();
		}
		catch (IOException ex) {
			consoleProblem = "PgBouncer at " + login.host() + ":" + login.port() + " is not reachable ("
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "") + ")";
		}
		if (pgbouncerDirectory == null) {
			throw new LimitsUnknownException("not checked: " + consoleProblem
					+ "; give --pgbouncer DIR (its pgbouncer.ini) to check against the file");
		}
		Path ini = pgbouncerDirectory.resolve(PgBouncerProvisioning.INI);
		if (!Files.isRegularFile(ini)) {
			throw new LimitsUnknownException("not checked: " + consoleProblem + ", and " + ini + " does not exist");
		}
		try {
			return PgBouncerLimits.fromIni(ini);
		}
		catch (UncheckedIOException ex) {
			throw new LimitsUnknownException("not checked: " + consoleProblem + ", and " + ex.getMessage());
		}
	}

	/**
	 * PostgreSQL's {@code host:port} as the migrations reach it, when they go there
	 * directly.
	 */
	private static String serverBehind(String pgbouncer, List<ServiceTarget> group) {
		return group.stream()
			.filter(BudgetCheck::migratesDirectly)
			.map((target) -> target.settings().migration().host() + ":" + target.settings().migration().port())
			.findFirst()
			.orElse("behind " + pgbouncer);
	}

	private static boolean migratesDirectly(ServiceTarget target) {
		return target.settings().migration() != target.settings().database();
	}

	private static int clientsPerReplica(List<ServiceTarget> group) {
		return group.stream()
			.mapToInt((target) -> target.settings().database().pool().maximumSize() + MONITOR_CONNECTIONS)
			.sum();
	}

	private static ConnectionReport facts(List<ServiceTarget> group, Map<ServiceTarget, ConnectionReport> connections) {
		return group.stream()
			.map(connections::get)
			.filter((report) -> report != null && report.ok())
			.findFirst()
			.orElse(null);
	}

	private static int usable(ConnectionReport facts) {
		return Math.max(0, facts.maxConnections() - facts.reservedConnections());
	}

	private static List<String> names(List<ServiceTarget> group) {
		return group.stream().map((target) -> target.service().name()).toList();
	}

	private static String replicas(int replicas) {
		return replicas + " replica" + ((replicas == 1) ? "" : "s");
	}

	private static final class LimitsUnknownException extends RuntimeException {

		LimitsUnknownException(String message) {
			super(message, null, false, false);
		}

	}

}
