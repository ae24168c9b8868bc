package io.storefront.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.web.security.JwksJwtDecoders;
import tools.jackson.databind.JsonNode;

/**
 * What each service's pods may reach, read from every NetworkPolicy that selects them:
 * the cluster's DNS, the services whose URL it reads (cart: product and auth's JWKS;
 * product: auth's JWKS), its own database (its Pooler, or the PostgreSQL instances where
 * there is none), the primary for its migrations when it has a Pooler and a
 * {@code DATABASE_MIGRATION_URL}, and nothing else; and what may reach them: their HTTP
 * port only.
 */
final class NetworkChecks {

	static final Map<String, String> DNS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "kube-system");

	static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

	private static final int POSTGRES_PORT = 5432;

	private NetworkChecks() {
	}

	static List<String> egress(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<ServicePod> pods = ServicePod.of(overlay);
		for (ServicePod pod : pods) {
			List<NetworkPolicy> egress = policies(overlay, pod, "Egress");
			List<NetworkPolicy> ingress = policies(overlay, pod, "Ingress");
			if (egress.isEmpty()) {
				problems.add(pod.name() + ": no NetworkPolicy limits its egress");
			}
			if (ingress.isEmpty()) {
				problems.add(pod.name() + ": no NetworkPolicy limits its ingress");
			}
			Set<String> calls = calls(pod);
			Map<String, String> database = database(overlay, pod);
			Map<String, String> primary = migration(overlay, pod);
			Set<String> reached = new LinkedHashSet<>();
			for (NetworkPolicy policy : egress) {
				for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
					String where = pod.name() + " (NetworkPolicy " + policy.getMetadata().getName() + ")";
					if (rule.getTo().isEmpty()) {
						problems.add(where + ": an egress rule without 'to' lets it reach anything");
						continue;
					}
					if (rule.getPorts().isEmpty()) {
						problems.add(where + ": an egress rule without ports lets it reach every port");
						continue;
					}
					for (NetworkPolicyPeer peer : rule.getTo()) {
						String reaches = classify(pods, pod, peer, rule.getPorts(), calls, database, primary);
						if (reaches.startsWith("!")) {
							problems.add(where + ": " + reaches.substring(1));
						}
						else {
							reached.add(reaches);
						}
					}
				}
			}
			Set<String> needed = new LinkedHashSet<>(calls);
			needed.add("dns");
			needed.add("database");
			if (!primary.isEmpty()) {
				needed.add("migration");
			}
			needed.removeAll(reached);
			if (!egress.isEmpty() && !needed.isEmpty()) {
				problems.add(pod.name() + ": may not reach " + needed + ", which it needs");
			}
			for (NetworkPolicy policy : ingress) {
				for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
					if (rule.getPorts().isEmpty()
							|| !rule.getPorts().stream().allMatch((port) -> tcp(port, pod.httpPort()))) {
						problems.add(pod.name() + " (NetworkPolicy " + policy.getMetadata().getName()
								+ "): ingress allowed on more than its HTTP port " + pod.httpPort());
					}
				}
			}
		}
		return problems;
	}

	private static String classify(List<ServicePod> pods, ServicePod pod, NetworkPolicyPeer peer,
			List<NetworkPolicyPort> ports, Set<String> calls, Map<String, String> database,
			Map<String, String> primary) {
		if (peer.getIpBlock() != null) {
			return "!may reach the addresses " + peer.getIpBlock().getCidr();
		}
		Map<String, String> podLabels = (peer.getPodSelector() != null) ? peer.getPodSelector().getMatchLabels() : null;
		if (peer.getNamespaceSelector() != null) {
			if (DNS_NAMESPACE.equals(peer.getNamespaceSelector().getMatchLabels()) && DNS_PODS.equals(podLabels)
					&& peer.getNamespaceSelector().getMatchExpressions().isEmpty()
					&& ports.stream()
						.allMatch((port) -> port.getPort() != null
								&& Integer.valueOf(53).equals(port.getPort().getIntVal()))) {
				return "dns";
			}
			return "!may reach pods in other namespaces (" + peer.getNamespaceSelector().getMatchLabels() + " / "
					+ podLabels + ")";
		}
		if (podLabels == null || podLabels.isEmpty() || !peer.getPodSelector().getMatchExpressions().isEmpty()) {
			return "!may reach every pod of the namespace";
		}
		if (podLabels.equals(database)) {
			return ports.stream().allMatch((port) -> tcp(port, POSTGRES_PORT)) ? "database"
					: "!may reach its database on ports other than " + POSTGRES_PORT;
		}
		if (podLabels.equals(primary)) {
			return ports.stream().allMatch((port) -> tcp(port, POSTGRES_PORT)) ? "migration"
					: "!may reach the primary on ports other than " + POSTGRES_PORT;
		}
		List<ServicePod> targets = pods.stream()
			.filter((target) -> ManifestChecks.selects(podLabels, target.labels()))
			.toList();
		if (targets.size() == 1 && calls.contains(targets.get(0).name())) {
			ServicePod target = targets.get(0);
			return ports.stream().allMatch((port) -> tcp(port, target.httpPort())) ? target.name()
					: "!may reach " + target.name() + " on ports other than its HTTP port " + target.httpPort();
		}
		return "!may reach pods " + podLabels + ", which are neither its database (" + database
				+ ") nor a service it calls " + calls;
	}

	/**
	 * The variables through which a service calls another, and the service they lead to.
	 */
	static Map<String, String> calls() {
		return Map.of(JwksJwtDecoders.AUTH_JWKS_URL, "auth-service", ServiceVariables.productServiceUrl(),
				"product-service");
	}

	/** The services this one calls: those whose URL variable it reads. */
	private static Set<String> calls(ServicePod pod) {
		Set<String> calls = new LinkedHashSet<>();
		Set<String> read = ServiceVariables.readBy(pod.service());
		calls().forEach((variable, service) -> {
			if (read.contains(variable)) {
				calls.add(service);
			}
		});
		return calls;
	}

	/**
	 * The labels of its own database's pods: its Pooler's, or the PostgreSQL instances'
	 * where there is none.
	 */
	private static Map<String, String> database(RenderedOverlay overlay, ServicePod pod) {
		return ConnectionBudget.pooler(overlay, pod.name())
			.map((pooler) -> Map.of("cnpg.io/poolerName", pooler.path("metadata").path("name").asString()))
			.orElseGet(() -> overlay.custom("Cluster")
				.stream()
				.findFirst()
				.map(JsonNode.class::cast)
				.map((cluster) -> Map.of("cnpg.io/cluster", cluster.path("metadata").path("name").asString(),
						"cnpg.io/podRole", "instance"))
				.orElse(Map.of()));
	}

	/**
	 * The labels of the primary (what {@code <cluster>-rw} selects), which a service
	 * behind a Pooler reaches directly for its migrations when it has a
	 * {@code DATABASE_MIGRATION_URL}; empty otherwise.
	 */
	private static Map<String, String> migration(RenderedOverlay overlay, ServicePod pod) {
		if (ConnectionBudget.pooler(overlay, pod.name()).isEmpty()
				|| !pod.secrets().containsKey(StorefrontSettings.DATABASE_MIGRATION_URL)) {
			return Map.of();
		}
		return overlay.custom("Cluster")
			.stream()
			.findFirst()
			.map((cluster) -> Map.of("cnpg.io/cluster", cluster.path("metadata").path("name").asString(),
					"cnpg.io/instanceRole", "primary"))
			.orElse(Map.of());
	}

	private static List<NetworkPolicy> policies(RenderedOverlay overlay, ServicePod pod, String type) {
		return overlay.networkPolicies()
			.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains(type))
			.filter((policy) -> ManifestChecks.selects(policy.getSpec().getPodSelector(), pod.deployment()))
			.toList();
	}

	private static boolean tcp(NetworkPolicyPort port, int number) {
		return (port.getProtocol() == null || "TCP".equals(port.getProtocol())) && port.getPort() != null
				&& Integer.valueOf(number).equals(port.getPort().getIntVal()) && port.getEndPort() == null;
	}

}
