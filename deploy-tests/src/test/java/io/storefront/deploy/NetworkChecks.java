package io.storefront.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
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
 * port only, there from every service that calls them and from any other namespace.
 */
final class NetworkChecks {

	static final Map<String, String> DNS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "kube-system");

	static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

	private static final int POSTGRES_PORT = 5432;

	/**
	 * The CloudNativePG operator's pods, as its manifests and Helm chart label them (its
	 * namespace depends on the install).
	 */
	static final Map<String, String> OPERATOR_PODS = Map.of("app.kubernetes.io/name", "cloudnative-pg");

	/**
	 * Where the operator reaches every instance: the instance manager's status, and
	 * PostgreSQL (CloudNativePG's networking page).
	 */
	static final Set<Integer> OPERATOR_PORTS = Set.of(8000, POSTGRES_PORT);

	/**
	 * A client of another namespace, whose labels are not known: only a rule that admits
	 * every namespace's pods admits it.
	 */
	private static final Map<String, String> OTHER_NAMESPACE = Map.of("(another namespace)", "");

	/** The label CloudNativePG puts on every pod of a Cluster: its name. */
	static final String CLUSTER = "cnpg.io/cluster";

	/** The label of a Cluster's PostgreSQL instances (its Poolers' say pooler). */
	static final Map.Entry<String, String> INSTANCE_ROLE = Map.entry("cnpg.io/podRole", "instance");

	/**
	 * The label of the pods of the operator's jobs for a Cluster (initdb, join,
	 * pgbasebackup, …), with the job's role as its value.
	 */
	static final String JOB_ROLE = "cnpg.io/jobRole";

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

	/**
	 * A policy that denies every pod of the namespace all ingress, as
	 * base/network/default-deny-ingress.yaml does, and one that denies every Storefront
	 * pod all egress, as base/network/default-deny-egress.yaml does: each service's and
	 * the database's own policies isolate their pods, but only these cover a pod added
	 * beside them. The ingress one selects every pod ({@code podSelector: {}}), whatever
	 * its labels; the egress one every pod, or by labels alone every service's pods,
	 * since the database's pods keep their egress open (docs/kubernetes.md, "Network").
	 * Neither has a rule in its direction.
	 */
	static List<String> defaultDeny(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<ServicePod> pods = ServicePod.of(overlay);
		if (denials(overlay, "Ingress").noneMatch(NetworkChecks::everyPod)) {
			problems.add("no NetworkPolicy denies every pod of the namespace all ingress (as"
					+ " base/network/default-deny-ingress.yaml does: podSelector {}, policyTypes Ingress, no ingress"
					+ " rules): the services' and the database's own policies isolate their pods, but a pod added"
					+ " beside them, whatever its labels, would admit anything");
		}
		if (denials(overlay, "Egress")
			.noneMatch((selector) -> everyPod(selector) || (selector.getMatchExpressions().isEmpty()
					&& pods.stream().allMatch((pod) -> ManifestChecks.selects(labels(selector), pod.labels()))))) {
			problems.add("no NetworkPolicy denies every Storefront pod all egress (as"
					+ " base/network/default-deny-egress.yaml does: podSelector {} or a label every service's pods"
					+ " carry, policyTypes Egress, no egress rules): each service's own policy isolates it, but a"
					+ " pod added beside them with their label could reach anything");
		}
		return problems;
	}

	/**
	 * The pod selectors of the policies of this type that allow nothing in its direction.
	 */
	private static Stream<LabelSelector> denials(RenderedOverlay overlay, String type) {
		return overlay.networkPolicies()
			.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains(type))
			.filter((policy) -> "Ingress".equals(type) ? policy.getSpec().getIngress().isEmpty()
					: policy.getSpec().getEgress().isEmpty())
			.map((policy) -> policy.getSpec().getPodSelector());
	}

	/**
	 * The callee's side of each connection the services need: every service's ingress
	 * admits, on its HTTP port, each service that calls it (whose URL variable names it:
	 * cart calls product, product and cart call auth) and a client of another namespace,
	 * whatever its labels (Prometheus, an ingress controller: docs/kubernetes.md's table
	 * lets anyone reach the HTTP port). {@link #egress} checks the callers' side.
	 */
	static List<String> callers(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<ServicePod> pods = ServicePod.of(overlay);
		for (ServicePod callee : pods) {
			List<NetworkPolicy> ingress = policies(overlay, callee, "Ingress");
			if (ingress.isEmpty()) {
				// not isolated, so anything reaches it: egress() reports that
				continue;
			}
			for (ServicePod caller : pods) {
				if (calls(caller).contains(callee.name()) && !admits(ingress, caller.labels(), callee.httpPort())) {
					problems.add(callee.name() + ": its ingress does not admit " + caller.name() + " on its HTTP port "
							+ callee.httpPort() + ", which " + caller.name() + " calls");
				}
			}
			if (!admits(ingress, OTHER_NAMESPACE, callee.httpPort())) {
				problems.add(callee.name() + ": its ingress does not admit clients of other namespaces (Prometheus, "
						+ "an ingress controller) on its HTTP port " + callee.httpPort());
			}
		}
		return problems;
	}

	/**
	 * Whether a rule of the policies admits, on the port, a pod of this namespace with
	 * these labels, or with {@link #OTHER_NAMESPACE} a pod of another namespace whose
	 * labels are not known. Address blocks and match expressions count as not admitting
	 * it: the pods' addresses are unknown here, and the checks do not read expressions.
	 */
	private static boolean admits(List<NetworkPolicy> policies, Map<String, String> client, int port) {
		for (NetworkPolicy policy : policies) {
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				boolean onPort = rule.getPorts().isEmpty()
						|| rule.getPorts().stream().anyMatch((candidate) -> tcp(candidate, port));
				if (onPort && (rule.getFrom().isEmpty()
						|| rule.getFrom().stream().anyMatch((peer) -> admits(peer, client)))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean admits(NetworkPolicyPeer peer, Map<String, String> client) {
		if (peer.getIpBlock() != null) {
			return false;
		}
		LabelSelector namespaces = peer.getNamespaceSelector();
		boolean everyNamespace = namespaces != null && everything(namespaces);
		LabelSelector pods = peer.getPodSelector();
		if (client == OTHER_NAMESPACE) {
			return everyNamespace && (pods == null || everything(pods));
		}
		boolean thisNamespace = namespaces == null || everyNamespace;
		return thisNamespace && (pods == null || everything(pods)
				|| (pods.getMatchExpressions().isEmpty() && ManifestChecks.selects(labels(pods), client)));
	}

	/** Whether the selector selects every object: no labels, no expressions. */
	private static boolean everything(LabelSelector selector) {
		return labels(selector).isEmpty() && selector.getMatchExpressions().isEmpty();
	}

	/**
	 * The database side, which any pod of the cluster could otherwise reach: a
	 * NetworkPolicy selects the Cluster's instances and admits only the Cluster's own
	 * instances (replication) and jobs (a joining replica's {@code pg_basebackup}) on any
	 * port, the CloudNativePG operator (8000 and 5432), and on 5432 the Poolers and the
	 * services that connect to PostgreSQL itself (without a Pooler, or for Flyway's
	 * {@code DATABASE_MIGRATION_URL}); one selects each Pooler and admits its own service
	 * on 5432, nothing else. {@code cnpg.io/cluster} alone would admit the Poolers on
	 * every port too: CloudNativePG puts it on their pods as well.
	 */
	static List<String> databaseIngress(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<ServicePod> pods = ServicePod.of(overlay);
		for (JsonNode cluster : overlay.custom("Cluster")) {
			String name = cluster.path("metadata").path("name").asString();
			Map<String, String> instances = Map.of(CLUSTER, name, INSTANCE_ROLE.getKey(), INSTANCE_ROLE.getValue());
			List<JsonNode> poolers = overlay.custom("Pooler")
				.stream()
				.filter((pooler) -> name.equals(pooler.path("spec").path("cluster").path("name").asString()))
				.toList();
			Set<String> direct = new LinkedHashSet<>();
			for (ServicePod pod : pods) {
				if (ConnectionBudget.pooler(overlay, pod.name()).isEmpty() || !migration(overlay, pod).isEmpty()) {
					direct.add(pod.name());
				}
			}
			Map<Map<String, String>, String> poolerPods = new LinkedHashMap<>();
			for (JsonNode pooler : poolers) {
				String poolerName = pooler.path("metadata").path("name").asString();
				poolerPods.put(Map.of("cnpg.io/poolerName", poolerName), "Pooler " + poolerName);
			}
			Set<String> needed = new LinkedHashSet<>();
			needed.add("its instances");
			needed.add("its jobs");
			needed.add("the operator on " + OPERATOR_PORTS.stream().sorted().toList());
			needed.addAll(poolerPods.values());
			needed.addAll(direct);
			String where = "Cluster " + name + " instances";
			List<NetworkPolicy> policies = ingressPolicies(overlay, instances);
			Set<Integer> operatorPorts = new LinkedHashSet<>();
			for (NetworkPolicy policy : policies) {
				for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
					String rulePlace = where + " (NetworkPolicy " + policy.getMetadata().getName() + ")";
					if (rule.getFrom().isEmpty()) {
						problems.add(rulePlace + ": an ingress rule without 'from' admits every pod");
						continue;
					}
					for (NetworkPolicyPeer peer : rule.getFrom()) {
						Map<String, String> labels = labels(peer.getPodSelector());
						if (clusterJobs(peer, name)) {
							needed.remove("its jobs");
						}
						else if (peer.getPodSelector() != null
								&& !peer.getPodSelector().getMatchExpressions().isEmpty()) {
							problems.add(rulePlace + ": admits pods by matchExpressions, which the checks do not read");
						}
						else if (peer.getIpBlock() != null) {
							problems.add(rulePlace + ": admits the addresses " + peer.getIpBlock().getCidr());
						}
						else if (peer.getNamespaceSelector() != null) {
							if (OPERATOR_PODS.equals(labels) && operatorNamespace(peer.getNamespaceSelector())
									&& !rule.getPorts().isEmpty()
									&& rule.getPorts()
										.stream()
										.allMatch((port) -> OPERATOR_PORTS.stream()
											.anyMatch((number) -> tcp(port, number)))) {
								rule.getPorts().forEach((port) -> operatorPorts.add(port.getPort().getIntVal()));
							}
							else {
								problems.add(rulePlace + ": admits pods " + labels + " of other namespaces ("
										+ peer.getNamespaceSelector().getMatchLabels()
										+ "), which are not the operator on "
										+ OPERATOR_PORTS.stream().sorted().toList());
							}
						}
						else if (instances.equals(labels)) {
							needed.remove("its instances");
						}
						else if (Map.of(CLUSTER, name).equals(labels)) {
							problems.add(rulePlace + ": admits every pod " + labels
									+ " on any port, its Poolers' too: name its instances (" + INSTANCE_ROLE
									+ ") and its jobs (" + JOB_ROLE + " exists) instead");
						}
						else if (poolerPods.containsKey(labels) && postgres(rule)) {
							needed.remove(poolerPods.get(labels));
						}
						else if (labels.isEmpty()
								|| pods.stream().noneMatch((pod) -> ManifestChecks.selects(labels, pod.labels()))
								|| !postgres(rule)) {
							problems.add(rulePlace + ": admits "
									+ (labels.isEmpty() ? "every pod of the namespace" : "pods " + labels)
									+ (postgres(rule) ? "" : " on ports other than " + POSTGRES_PORT)
									+ ", which must not reach PostgreSQL");
						}
						else {
							for (ServicePod pod : pods) {
								if (!ManifestChecks.selects(labels, pod.labels())) {
									continue;
								}
								if (direct.contains(pod.name())) {
									needed.remove(pod.name());
								}
								else {
									problems.add(rulePlace + ": admits " + pod.name()
											+ ", which reaches its database through its Pooler only");
								}
							}
						}
					}
				}
			}
			if (operatorPorts.containsAll(OPERATOR_PORTS)) {
				needed.remove("the operator on " + OPERATOR_PORTS.stream().sorted().toList());
			}
			if (policies.isEmpty()) {
				problems.add(where + ": no NetworkPolicy limits what reaches them");
			}
			else if (!needed.isEmpty()) {
				problems.add(where + ": do not admit " + needed + ", which must reach them");
			}
			for (JsonNode pooler : poolers) {
				problems.addAll(poolerIngress(overlay, pods, pooler));
			}
		}
		return problems;
	}

	private static List<String> poolerIngress(RenderedOverlay overlay, List<ServicePod> pods, JsonNode pooler) {
		List<String> problems = new ArrayList<>();
		String name = pooler.path("metadata").path("name").asString();
		String where = "Pooler " + name;
		String service = pooler.path("metadata").path("annotations").path("storefront.io/service").asString("");
		List<NetworkPolicy> policies = ingressPolicies(overlay, Map.of("cnpg.io/poolerName", name));
		boolean admitted = false;
		for (NetworkPolicy policy : policies) {
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				String rulePlace = where + " (NetworkPolicy " + policy.getMetadata().getName() + ")";
				if (rule.getFrom().isEmpty()) {
					problems.add(rulePlace + ": an ingress rule without 'from' admits every pod");
					continue;
				}
				for (NetworkPolicyPeer peer : rule.getFrom()) {
					Map<String, String> labels = labels(peer.getPodSelector());
					if (peer.getPodSelector() != null && !peer.getPodSelector().getMatchExpressions().isEmpty()) {
						problems.add(rulePlace + ": admits pods by matchExpressions, which the checks do not read");
						continue;
					}
					List<String> selected = pods.stream()
						.filter((pod) -> ManifestChecks.selects(labels, pod.labels()))
						.map(ServicePod::name)
						.toList();
					if (peer.getIpBlock() == null && peer.getNamespaceSelector() == null
							&& selected.equals(List.of(service)) && postgres(rule)) {
						admitted = true;
					}
					else {
						problems.add(rulePlace + ": admits "
								+ ((peer.getIpBlock() != null) ? "the addresses " + peer.getIpBlock().getCidr()
										: labels.isEmpty() ? "every pod" : "pods " + labels)
								+ (postgres(rule) ? "" : " on ports other than " + POSTGRES_PORT) + ", not only "
								+ service + " on " + POSTGRES_PORT);
					}
				}
			}
		}
		if (policies.isEmpty()) {
			problems.add(where + ": no NetworkPolicy limits what reaches it");
		}
		else if (!admitted) {
			problems.add(where + ": does not admit " + service + ", its one client");
		}
		return problems;
	}

	/**
	 * Whether the peer is the pods of the operator's jobs for the Cluster, whatever their
	 * role: its name, and a {@code cnpg.io/jobRole} that exists.
	 */
	private static boolean clusterJobs(NetworkPolicyPeer peer, String cluster) {
		LabelSelector pods = peer.getPodSelector();
		if (pods == null || peer.getNamespaceSelector() != null || peer.getIpBlock() != null
				|| !Map.of(CLUSTER, cluster).equals(labels(pods)) || pods.getMatchExpressions().size() != 1) {
			return false;
		}
		LabelSelectorRequirement expression = pods.getMatchExpressions().get(0);
		return JOB_ROLE.equals(expression.getKey()) && "Exists".equals(expression.getOperator())
				&& (expression.getValues() == null || expression.getValues().isEmpty());
	}

	/**
	 * Whether a NetworkPolicy is about the database side (CloudNativePG's pods) rather
	 * than the services.
	 */
	static boolean databaseSide(NetworkPolicy policy) {
		return labels(policy.getSpec().getPodSelector()).keySet()
			.stream()
			.anyMatch((key) -> key.startsWith("cnpg.io/"));
	}

	/** Whether a NetworkPolicy selects every pod of the namespace. */
	static boolean namespaceWide(NetworkPolicy policy) {
		return everyPod(policy.getSpec().getPodSelector());
	}

	/** Whether a policy's pod selector selects every pod of the namespace. */
	private static boolean everyPod(LabelSelector selector) {
		return selector == null || everything(selector);
	}

	/**
	 * The Ingress policies that select pods with these labels, counting an empty selector
	 * (every pod of the namespace). A selector with expressions, which the checks do not
	 * read, is not counted, so that a policy whose expressions select other pods is never
	 * taken for one that selects these.
	 */
	private static List<NetworkPolicy> ingressPolicies(RenderedOverlay overlay, Map<String, String> labels) {
		return overlay.networkPolicies()
			.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"))
			.filter((policy) -> {
				LabelSelector selector = policy.getSpec().getPodSelector();
				return everyPod(selector) || (selector.getMatchExpressions().isEmpty()
						&& ManifestChecks.selects(labels(selector), labels));
			})
			.toList();
	}

	private static boolean operatorNamespace(LabelSelector namespaces) {
		return namespaces.getMatchExpressions().isEmpty() && namespaces.getMatchLabels() != null
				&& namespaces.getMatchLabels().size() == 1
				&& namespaces.getMatchLabels().containsKey("kubernetes.io/metadata.name");
	}

	private static boolean postgres(NetworkPolicyIngressRule rule) {
		return !rule.getPorts().isEmpty() && rule.getPorts().stream().allMatch((port) -> tcp(port, POSTGRES_PORT));
	}

	private static Map<String, String> labels(LabelSelector selector) {
		if (selector == null || selector.getMatchLabels() == null) {
			return Map.of();
		}
		return selector.getMatchLabels();
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

	/** The URL variables the service reads, each with the service it calls through it. */
	static Map<String, String> urlsReadBy(ServicePod pod) {
		Map<String, String> urls = new LinkedHashMap<>();
		Set<String> read = ServiceVariables.readBy(pod.service());
		calls().forEach((variable, service) -> {
			if (read.contains(variable)) {
				urls.put(variable, service);
			}
		});
		return urls;
	}

	/** The services this one calls: those whose URL variable it reads. */
	private static Set<String> calls(ServicePod pod) {
		return new LinkedHashSet<>(urlsReadBy(pod).values());
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

	/**
	 * The policies of this type that select the service's pods, counting an empty
	 * selector (every pod of the namespace).
	 */
	private static List<NetworkPolicy> policies(RenderedOverlay overlay, ServicePod pod, String type) {
		return overlay.networkPolicies()
			.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains(type))
			.filter((policy) -> {
				LabelSelector selector = policy.getSpec().getPodSelector();
				return everyPod(selector) || ManifestChecks.selects(selector, pod.deployment());
			})
			.toList();
	}

	private static boolean tcp(NetworkPolicyPort port, int number) {
		return (port.getProtocol() == null || "TCP".equals(port.getProtocol())) && port.getPort() != null
				&& Integer.valueOf(number).equals(port.getPort().getIntVal()) && port.getEndPort() == null;
	}

}
