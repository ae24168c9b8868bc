package io.storefront.deploy;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.storefront.cli.check.BudgetCheck;
import io.storefront.cli.pgbouncer.PgBouncerSizing;
import io.storefront.db.config.StorefrontSettings;
import tools.jackson.databind.JsonNode;

/**
 * The connection budget of one overlay. A pod opens at most {@code DATABASE_POOL_SIZE +
 * DATABASE_MAX_OVERFLOW} pooled connections plus the health monitor's own (as
 * {@code db check} counts them). During a rolling update a service has up to
 * {@code maxReplicas + maxSurge} pods that are not terminating (the HPA's maximum), and
 * beside them up to {@code maxSurge + maxUnavailable} that are: the Deployment controller
 * starts the next new pod as soon as it has told an old one to stop, and the old one
 * keeps its pool open while it drains (docs/kubernetes.md). Without a pooler they all
 * reach PostgreSQL, which must have room for them beside its reserved slots. With a
 * PgBouncer (a Pooler per service) they are its clients, the monitor's too (it uses
 * {@code DATABASE_URL}): any one PgBouncer instance must take all of its service's
 * clients (the Service may send every connection to it). In session mode each client
 * holds a server connection, so one instance must also be able to open one per client; in
 * transaction mode an instance opens at most
 * {@code default_pool_size + reserve_pool_size}, capped by {@code max_db_connections},
 * whatever the clients. PostgreSQL must have room for the most server connections every
 * instance may open, plus each instance's {@code auth_query} login, counting a Pooler's
 * instances as a rollout may run them (its surge and those stopping beside the desired
 * ones), plus Flyway's direct connection per pod ({@code DATABASE_MIGRATION_URL}, one at
 * a time, at start-up), plus {@link #OPERATOR_CONNECTIONS} for CloudNativePG's own
 * superuser logins and operators.
 */
record ConnectionBudget(List<String> problems) {

	/**
	 * PostgreSQL connections kept beside the services' and the Poolers': CloudNativePG's
	 * instance manager and metrics exporter log in as the superuser, which takes an
	 * ordinary slot while one is free (the reserved ones only once the rest are taken),
	 * and so do an operator's {@code psql} and {@code db check}: as many as each Pooler
	 * keeps for operators.
	 */
	static final int OPERATOR_CONNECTIONS = PgBouncerSizing.OPERATOR_CLIENTS;

	/** PostgreSQL's defaults, when the Cluster does not set them. */
	private static final Map<String, Integer> POSTGRES_DEFAULTS = Map.of("max_connections", 100,
			"superuser_reserved_connections", 3, "reserved_connections", 0);

	/** PgBouncer's defaults (0 for max_db_connections means no limit). */
	private static final Map<String, Integer> PGBOUNCER_DEFAULTS = Map.of("max_client_conn", 100, "default_pool_size",
			20, "reserve_pool_size", 0, "max_db_connections", 0);

	static ConnectionBudget of(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<JsonNode> clusters = overlay.custom("Cluster");
		if (clusters.size() != 1) {
			return new ConnectionBudget(List
				.of(overlay.name() + ": the budget needs exactly one PostgreSQL Cluster, found " + clusters.size()));
		}
		JsonNode parameters = clusters.get(0).path("spec").path("postgresql").path("parameters");
		int usable = setting(parameters, "max_connections", POSTGRES_DEFAULTS)
				- setting(parameters, "superuser_reserved_connections", POSTGRES_DEFAULTS)
				- setting(parameters, "reserved_connections", POSTGRES_DEFAULTS);
		int server = 0;
		List<String> sum = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			Optional<HorizontalPodAutoscaler> hpa = ManifestChecks.autoscaler(overlay, pod.deployment());
			if (hpa.isEmpty()) {
				problems.add(pod.name() + ": no HorizontalPodAutoscaler bounds its replicas, so no budget can hold");
				continue;
			}
			int replicas = hpa.get().getSpec().getMaxReplicas();
			Rollout rollout = Rollout.of(pod.deployment().getSpec().getStrategy(), replicas);
			int running = replicas + rollout.surge();
			int terminating = rollout.terminating();
			int pods = running + terminating;
			int perPod = pod.settings().database().pool().maximumSize() + BudgetCheck.MONITOR_CONNECTIONS;
			int clients = pods * perPod;
			String demand = pod.name() + ": " + pods + " pods (maxReplicas + maxSurge, + " + terminating
					+ " terminating) x " + perPod + " connections (pool size + overflow + "
					+ BudgetCheck.MONITOR_CONNECTIONS + " monitor) = " + clients;
			// Flyway connects only while a pod starts, so terminating pods hold none
			if (pod.secrets().containsKey(StorefrontSettings.DATABASE_MIGRATION_URL)
					|| pod.plain().containsKey(StorefrontSettings.DATABASE_MIGRATION_URL)) {
				server += running;
				sum.add(pod.name() + " " + running + " Flyway");
			}
			Optional<JsonNode> pooler = pooler(overlay, pod.name());
			if (pooler.isEmpty()) {
				server += clients;
				sum.add(pod.name() + " " + clients);
				continue;
			}
			JsonNode spec = pooler.get().path("spec");
			JsonNode settings = spec.path("pgbouncer").path("parameters");
			String name = pooler.get().path("metadata").path("name").asString();
			boolean transaction = transactionMode(pooler.get());
			int maxClients = setting(settings, "max_client_conn", PGBOUNCER_DEFAULTS);
			int poolSize = setting(settings, "default_pool_size", PGBOUNCER_DEFAULTS)
					+ setting(settings, "reserve_pool_size", PGBOUNCER_DEFAULTS);
			int perDatabase = setting(settings, "max_db_connections", PGBOUNCER_DEFAULTS);
			int perInstance = (perDatabase > 0) ? Math.min(perDatabase, poolSize) : poolSize;
			// CloudNativePG's metrics exporter and an operator's psql are clients too
			if (clients + PgBouncerSizing.OPERATOR_CLIENTS > maxClients) {
				problems.add(demand + ", + " + PgBouncerSizing.OPERATOR_CLIENTS + " for operators > Pooler " + name
						+ " max_client_conn " + maxClients);
			}
			if (!transaction && clients > perInstance) {
				problems.add(demand + " > the " + perInstance + " server connections one instance of Pooler " + name
						+ " gives (session mode: one per client)");
			}
			int instances = spec.path("instances").asInt(1);
			// a Pooler is a Deployment too, rolled by a spec change or an operator
			// upgrade
			// (every Pooler at once): its surge runs beside the desired instances, and an
			// instance told to stop holds its server connections until it is gone
			Rollout poolerRollout = Rollout.of(spec.path("deploymentStrategy"), instances);
			int poolers = instances + poolerRollout.surge() + poolerRollout.terminating();
			server += poolers * (perInstance + 1);
			sum.add(pod.name() + " " + poolers + " x (" + perInstance + " + 1 auth_query)");
		}
		if (server + OPERATOR_CONNECTIONS > usable) {
			problems.add(overlay.name() + ": PostgreSQL may be asked for " + String.join(" + ", sum) + " = " + server
					+ " connections, + " + OPERATOR_CONNECTIONS + " for CloudNativePG and operators, more than the "
					+ usable + " usable (max_connections less reserved slots)");
		}
		return new ConnectionBudget(List.copyOf(problems));
	}

	/**
	 * Whether the Pooler's PgBouncer runs in transaction mode (CloudNativePG's default is
	 * session).
	 */
	static boolean transactionMode(JsonNode pooler) {
		return "transaction".equals(pooler.path("spec").path("pgbouncer").path("poolMode").asString("session"));
	}

	/**
	 * The Pooler that serves {@code service} (annotated {@code storefront.io/service}).
	 */
	static Optional<JsonNode> pooler(RenderedOverlay overlay, String service) {
		return overlay.custom("Pooler")
			.stream()
			.filter((pooler) -> service
				.equals(pooler.path("metadata").path("annotations").path("storefront.io/service").asString("")))
			.findFirst();
	}

	/**
	 * What a rolling update may run beside the desired pods ({@code maxSurge}) and stop
	 * at once ({@code maxUnavailable}), as numbers of pods: Kubernetes rounds a
	 * percentage of the surge up and of the unavailable pods down, and defaults both to
	 * 25 %. A {@code Recreate} rollout stops every old pod before it starts a new one:
	 * none of either. A pod is terminating from the moment it is told to stop: the
	 * surge's and the unavailable pods' worth of old pods at once. No more, as long as an
	 * old pod is gone before its replacement is ready, since the Deployment controller
	 * counts only pods that are not terminating when it stops the next
	 * (docs/kubernetes.md).
	 */
	record Rollout(int surge, int unavailable) {

		private static final IntOrString KUBERNETES_DEFAULT = new IntOrString("25%");

		static Rollout of(DeploymentStrategy strategy, int replicas) {
			if (strategy == null) {
				return of("RollingUpdate", null, null, replicas);
			}
			RollingUpdateDeployment rolling = strategy.getRollingUpdate();
			return of(strategy.getType(), (rolling != null) ? rolling.getMaxSurge() : null,
					(rolling != null) ? rolling.getMaxUnavailable() : null, replicas);
		}

		/** A Pooler's {@code spec.deploymentStrategy}, missing or not. */
		static Rollout of(JsonNode strategy, int replicas) {
			JsonNode rolling = strategy.path("rollingUpdate");
			return of(strategy.path("type").asString("RollingUpdate"), intOrString(rolling.path("maxSurge")),
					intOrString(rolling.path("maxUnavailable")), replicas);
		}

		private static Rollout of(String type, IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
			if ("Recreate".equals(type)) {
				return new Rollout(0, 0);
			}
			int surge = Quantities.pods(orDefault(maxSurge), replicas, RoundingMode.CEILING);
			int unavailable = Quantities.pods(orDefault(maxUnavailable), replicas, RoundingMode.FLOOR);
			// both 0 would never move: Kubernetes then lets one pod be unavailable
			return new Rollout(surge, (surge == 0 && unavailable == 0) ? 1 : unavailable);
		}

		int terminating() {
			return this.surge + this.unavailable;
		}

		private static IntOrString intOrString(JsonNode value) {
			if (value.isMissingNode() || value.isNull()) {
				return null;
			}
			return value.isNumber() ? new IntOrString(value.asInt()) : new IntOrString(value.asString());
		}

		private static IntOrString orDefault(IntOrString value) {
			return (value != null) ? value : KUBERNETES_DEFAULT;
		}

	}

	/** A PgBouncer parameter of a Pooler, or PgBouncer's default. */
	static int pgbouncerSetting(JsonNode parameters, String name) {
		return setting(parameters, name, PGBOUNCER_DEFAULTS);
	}

	private static int setting(JsonNode parameters, String name, Map<String, Integer> defaults) {
		JsonNode value = parameters.path(name);
		return value.isMissingNode() ? defaults.get(name) : Integer.parseInt(value.asString().strip());
	}

}
