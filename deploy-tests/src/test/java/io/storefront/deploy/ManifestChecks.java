package io.storefront.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.storefront.cli.provision.KubernetesSecrets;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.shutdown.ShutdownSettings;
import io.storefront.db.testing.DefaultTuning;
import io.storefront.web.health.HealthProbeFilter;
import io.storefront.web.security.JwksJwtDecoders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.boot.convert.DurationStyle;

/**
 * The promises the manifests make, each tied to the code it must agree with. Every check
 * returns what is wrong, one line per problem, and nothing when all is well.
 */
final class ManifestChecks {

	/**
	 * The probe the kubelet may call at any time: answered without touching the database.
	 */
	static final String LIVE = served("/health/live");

	/** 200 only when the database answers and the migrations are applied. */
	static final String READY = served("/health/ready");

	/**
	 * The port on which the start-up and liveness probes answer without waiting for a
	 * request's turn.
	 */
	static final String PROBE_PORT = "storefront.web.probe-port";

	/**
	 * The CPU time a service spends from the JVM's start to ready, the wait for its
	 * database aside: 16.7 s measured for product-service started without the AOT cache
	 * (docs/performance.md), as the image starts it (the cache is ./storefront up's),
	 * rounded up. A busy node guarantees the pod only its CPU request, so at that rate
	 * this is the start's wall time.
	 */
	static final int START_CPU_SECONDS = 17;

	/**
	 * Beyond the preStop pause and Spring's graceful shutdown: closing the pool and the
	 * JVM's exit.
	 */
	static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

	/**
	 * The time docs/kubernetes.md gives the endpoints controller and every kube-proxy to
	 * stop routing to a pod that has begun to stop, before it gets SIGTERM. Its endpoint
	 * is marked terminating at once, whatever its readiness, so the readiness probe's
	 * period does not shorten this; nor does the drain that follows SIGTERM, a setting of
	 * the service (0 turns it off) for load balancers that follow readiness.
	 */
	static final Duration PRE_STOP_PAUSE = Duration.ofSeconds(5);

	/**
	 * The Secret the operator creates (docs/kubernetes.md) holding, under the key
	 * HEALTH_DETAILS_TOKEN, the token every service's {@code /health/detailed} asks for.
	 */
	static final String HEALTH_DETAILS_SECRET = "storefront-health-details";

	/**
	 * The Secret the operator may create (docs/kubernetes.md) holding auth-service's
	 * administrator account, under the keys AUTH_ADMIN_EMAIL and AUTH_ADMIN_PASSWORD.
	 */
	static final String ADMIN_SECRET = "auth-service-admin";

	/** The label CloudNativePG puts on a Pooler's pods, with the Pooler's name. */
	static final String POOLER_NAME = "cnpg.io/poolerName";

	/** The digest kustomize's {@code images:} entries and registries give. */
	static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

	/** Docker Hub's own names for itself: a host, but the namespace the check refuses. */
	private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

	/**
	 * The name of a Service's port that leads to the service's own HTTP port: the one its
	 * clients' URLs, the JWKS fetches and the ServiceMonitor of docs/prometheus.md use.
	 */
	static final String SERVICE_PORT = ScrapeTargets.SCRAPED_PORT;

	/** The topology key of one node. */
	static final String HOSTNAME = "kubernetes.io/hostname";

	private ManifestChecks() {
	}

	/**
	 * Probe paths the services serve, on the port they listen on, with a start-up
	 * allowance that covers the wait for the database and the service's own start at the
	 * CPU its request guarantees.
	 */
	static List<String> probes(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			Container container = pod.container();
			int port = pod.httpPort();
			if (container.getPorts().stream().noneMatch((candidate) -> candidate.getContainerPort() == port)) {
				problems.add(pod.name() + ": no containerPort " + port + ", the port it listens on (PORT)");
			}
			Optional<Integer> probePort = pod.probePort();
			if (probePort.isEmpty()) {
				problems.add(pod.name() + ": no " + ServiceVariables.variable(PROBE_PORT)
						+ ": its liveness probe would wait behind requests when they fill every turn");
			}
			int livePort = probePort.orElse(port);
			probe(problems, pod, "startupProbe", container.getStartupProbe(), LIVE, livePort);
			probe(problems, pod, "livenessProbe", container.getLivenessProbe(), LIVE, livePort);
			probe(problems, pod, "readinessProbe", container.getReadinessProbe(), READY, port);
			Probe startup = container.getStartupProbe();
			Optional<Quantity> cpu = Optional.ofNullable(container.getResources())
				.map((resources) -> resources.getRequests().get("cpu"))
				.filter((request) -> request.getNumericalAmount().signum() > 0);
			if (startup != null && cpu.isEmpty()) {
				problems.add(pod.name() + ": no CPU request, which the start-up allowance is sized by");
			}
			else if (startup != null) {
				long start = BigDecimal.valueOf(START_CPU_SECONDS)
					.divide(cpu.get().getNumericalAmount(), 0, RoundingMode.CEILING)
					.longValueExact();
				long wait = pod.settings().database().startupTimeout().toSeconds();
				long allowed = orDefault(startup.getInitialDelaySeconds(), 0)
						+ (long) orDefault(startup.getPeriodSeconds(), 10)
								* orDefault(startup.getFailureThreshold(), 3);
				// The service waits up to DATABASE_STARTUP_TIMEOUT for its database, then
				// as
				// long again for the migration lock of a pod starting beside it.
				if (allowed < 2 * wait + start) {
					problems.add(pod.name() + ": startupProbe allows " + allowed
							+ " s, less than DATABASE_STARTUP_TIMEOUT " + wait
							+ " s twice (the database, then another pod's migration lock) + the service's start ("
							+ START_CPU_SECONDS + " CPU seconds at its " + cpu.get() + " CPU request: " + start
							+ " s)");
				}
			}
			Probe readiness = container.getReadinessProbe();
			long healthTimeout = DefaultTuning.get().healthTimeout().toSeconds();
			if (readiness != null && orDefault(readiness.getTimeoutSeconds(), 1) <= healthTimeout) {
				problems
					.add(pod.name() + ": readinessProbe timeoutSeconds " + orDefault(readiness.getTimeoutSeconds(), 1)
							+ " does not exceed the database probe's own limit (" + healthTimeout + " s)");
			}
		}
		return problems;
	}

	private static void probe(List<String> problems, ServicePod pod, String kind, Probe probe, String path,
			int expectedPort) {
		if (probe == null || probe.getHttpGet() == null) {
			problems.add(pod.name() + ": no HTTP " + kind);
			return;
		}
		if (!path.equals(probe.getHttpGet().getPath())) {
			problems.add(pod.name() + ": " + kind + " asks " + probe.getHttpGet().getPath() + ", expected " + path);
		}
		Optional<Integer> port = containerPort(pod.container(), probe.getHttpGet().getPort());
		if (port.isEmpty() || port.get() != expectedPort) {
			String which = (expectedPort == pod.httpPort()) ? "the port it listens on" : "its probe port";
			problems.add(pod.name() + ": " + kind + " port " + text(probe.getHttpGet().getPort()) + " is not " + which
					+ " (" + expectedPort + ")");
		}
	}

	/**
	 * A preStop pause long enough for the endpoints to drop the pod, and a readiness
	 * probe that notices the drain's 503 before the drain ends or, as docs/kubernetes.md
	 * accepts of a container the kubelet restarts, at most {@link #PRE_STOP_PAUSE} after;
	 * then enough time to stop: Spring's graceful shutdown, the pool and the JVM. A
	 * request waiting for a connection must give up within the graceful shutdown, or it
	 * is cut off instead of answered.
	 */
	static List<String> termination(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		Duration shutdown = shutdownPhase();
		for (ServicePod pod : ServicePod.of(overlay)) {
			Duration drain = DurationStyle.detectAndParse(pod.plain()
				.getOrDefault(ServiceVariables.variable(ShutdownSettings.DRAIN_PERIOD),
						ShutdownSettings.SERVICE_DRAIN_PERIOD),
					ChronoUnit.SECONDS);
			long grace = orDefault(pod.pod().getTerminationGracePeriodSeconds(), 30L);
			Duration pause = PreStopPause.of(pod.container());
			if (pause.isZero()) {
				problems
					.add(pod.name() + ": no preStop pause; requests routed before the endpoints are updated would reach"
							+ " a pod that has begun to stop");
			}
			else if (pause.compareTo(PRE_STOP_PAUSE) < 0) {
				problems.add(pod.name() + ": preStop pause " + seconds(pause) + " s is under the "
						+ PRE_STOP_PAUSE.toSeconds()
						+ " s the endpoints controller and every kube-proxy are given to stop routing to a stopping pod"
						+ " (docs/kubernetes.md): it would get SIGTERM while requests still arrive, and they would meet"
						+ " its port closed once its drain (a setting, off at 0) ends");
			}
			Probe readiness = pod.container().getReadinessProbe();
			if (readiness != null) {
				int period = orDefault(readiness.getPeriodSeconds(), 10);
				int failures = orDefault(readiness.getFailureThreshold(), 3);
				long window = (long) period * failures;
				long allowed = drain.toSeconds() + PRE_STOP_PAUSE.toSeconds();
				if (window > allowed) {
					problems.add(pod.name() + ": readinessProbe notices the drain's 503 only after up to " + window
							+ " s (periodSeconds " + period + " x failureThreshold " + failures
							+ "), more than the drain's " + drain.toSeconds() + " s + " + PRE_STOP_PAUSE.toSeconds()
							+ " s: a container the kubelet restarts would stay an endpoint up to "
							+ (window - drain.toSeconds())
							+ " s after its port closed, where docs/kubernetes.md accepts " + PRE_STOP_PAUSE.toSeconds()
							+ " s at most, as long as the endpoints are given to learn of a stop");
				}
			}
			poolTimeout(pod).filter((timeout) -> timeout.compareTo(shutdown) >= 0)
				.ifPresent((timeout) -> problems.add(pod.name() + ": " + StorefrontSettings.DATABASE_POOL_TIMEOUT + " "
						+ timeout.toSeconds() + " s is not under the graceful shutdown's " + shutdown.toSeconds()
						+ " s: a request still waiting for a connection when the pod stops would be cut off, not answered"));
			Duration needed = pause.plus(drain).plus(shutdown).plus(SHUTDOWN_MARGIN);
			if (Duration.ofSeconds(grace).compareTo(needed) < 0) {
				problems.add(pod.name() + ": terminationGracePeriodSeconds " + grace + " < preStop " + seconds(pause)
						+ " s + drain " + drain.toSeconds() + " s + graceful shutdown " + shutdown.toSeconds() + " s + "
						+ SHUTDOWN_MARGIN.toSeconds() + " s");
			}
		}
		return problems;
	}

	/** The pool's wait for a connection, when the pod's settings can be read at all. */
	private static Optional<Duration> poolTimeout(ServicePod pod) {
		try {
			return Optional.of(pod.settings().database().pool().timeout());
		}
		catch (InvalidSettingException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Only variables the service reads, with values its settings reader accepts;
	 * DATABASE_URL (and DATABASE_MIGRATION_URL, required with DATABASE_POOLER=pgbouncer)
	 * from its Secret.
	 */
	static List<String> variables(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			problems.addAll(pod.problems());
			Set<String> read = ServiceVariables.readBy(pod.service());
			List<String> names = new ArrayList<>(pod.plain().keySet());
			names.addAll(pod.secrets().keySet());
			for (String name : names) {
				if (!read.contains(name)) {
					problems.add(pod.name() + ": sets " + name + ", which " + pod.name() + " does not read");
				}
			}
			String secret = KubernetesSecrets.secretName(pod.service());
			for (String variable : List.of(StorefrontSettings.DATABASE_URL,
					StorefrontSettings.DATABASE_MIGRATION_URL)) {
				SecretKeySelector url = pod.secrets().get(variable);
				boolean required = variable.equals(StorefrontSettings.DATABASE_URL) || pooled(pod);
				if ((url == null) ? required : !secret.equals(url.getName()) || !variable.equals(url.getKey())
						|| Boolean.TRUE.equals(url.getOptional())) {
					problems.add(pod.name() + ": " + variable + " must come from Secret " + secret + ", key " + variable
							+ " (what db provision --format kubernetes writes)"
							+ (required && !variable.equals(StorefrontSettings.DATABASE_URL)
									? ": with DATABASE_POOLER=pgbouncer, Flyway's session-level lock needs a direct connection"
									: ""));
				}
			}
			for (String variable : List.of(StorefrontSettings.DATABASE_PASSWORD,
					StorefrontSettings.HEALTH_DETAILS_TOKEN, StorefrontSettings.DATABASE_MIGRATION_URL)) {
				if (pod.plain().containsKey(variable)) {
					problems.add(pod.name() + ": " + variable
							+ " is a secret and must come from a Secret, not a plain value");
				}
			}
			try {
				pod.settings();
			}
			catch (InvalidSettingException ex) {
				problems.add(pod.name() + ": " + ex.getMessage());
			}
		}
		return problems;
	}

	/**
	 * {@code /health/detailed} tells whoever calls it the database's version, its
	 * connection counts and the text of its errors, unless HEALTH_DETAILS_TOKEN is set;
	 * each service's HTTP port is open to every client. So every service takes the token
	 * from the Secret the operator creates (docs/kubernetes.md), not as optional: a pod
	 * whose Secret is missing does not start, rather than start with the endpoint open.
	 */
	static List<String> healthDetails(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		String variable = StorefrontSettings.HEALTH_DETAILS_TOKEN;
		for (ServicePod pod : ServicePod.of(overlay)) {
			SecretKeySelector token = pod.secrets().get(variable);
			if (token == null) {
				problems.add(pod.name() + ": no " + variable + " from Secret " + HEALTH_DETAILS_SECRET
						+ ": its /health/detailed answers whoever reaches its port");
			}
			else if (!HEALTH_DETAILS_SECRET.equals(token.getName()) || !variable.equals(token.getKey())) {
				problems.add(pod.name() + ": " + variable + " must come from Secret " + HEALTH_DETAILS_SECRET + ", key "
						+ variable + " (the one docs/kubernetes.md creates)");
			}
			else if (Boolean.TRUE.equals(token.getOptional())) {
				problems.add(pod.name() + ": " + variable + " from an optional Secret: without the Secret the pod"
						+ " would start with /health/detailed open");
			}
		}
		return problems;
	}

	/**
	 * The administrator account is the only way to product's writes, so auth-service
	 * takes it from the Secret the operator creates (docs/kubernetes.md), as optional: an
	 * installation without an administrator still starts. The password is never a plain
	 * value, which {@code kubectl describe} would print.
	 */
	static List<String> adminAccount(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			if (!pod.service().equals(KnownServices.AUTH)) {
				continue;
			}
			for (String variable : ServiceVariables.adminAccount()) {
				SecretKeySelector reference = pod.secrets().get(variable);
				if (pod.plain().containsKey(variable)) {
					problems.add(pod.name() + ": " + variable + " is a plain value; it must come from Secret "
							+ ADMIN_SECRET + ", key " + variable);
				}
				else if (reference == null || !ADMIN_SECRET.equals(reference.getName())
						|| !variable.equals(reference.getKey())) {
					problems.add(pod.name() + ": " + variable + " must come from Secret " + ADMIN_SECRET + ", key "
							+ variable + " (the one docs/kubernetes.md creates): without it no administrator exists");
				}
				else if (!Boolean.TRUE.equals(reference.getOptional())) {
					problems.add(pod.name() + ": " + variable + " from Secret " + ADMIN_SECRET
							+ " must be optional: without the Secret the pods would not start");
				}
			}
		}
		return problems;
	}

	/**
	 * Every Pooler leads to the rendered Cluster's primary ({@link #poolerTargets}). The
	 * pool mode of each service's Pooler agrees with what the service expects:
	 * transaction mode exactly when {@code DATABASE_POOLER=pgbouncer} (the services keep
	 * session state otherwise, and a session pooler's budget is another), with the
	 * start-up parameter the JDBC driver sends ignored, a reserve pool in transaction
	 * mode that the readiness probe reaches in time, and its PgBouncer container with CPU
	 * and memory requests and a memory limit (without them its pods are the first a node
	 * under pressure evicts).
	 */
	static List<String> poolers(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>(poolerTargets(overlay));
		for (ServicePod pod : ServicePod.of(overlay)) {
			Optional<JsonNode> pooler = ConnectionBudget.pooler(overlay, pod.name());
			if (pooler.isEmpty()) {
				if (pooled(pod)) {
					problems.add(pod.name() + ": DATABASE_POOLER=pgbouncer, but no Pooler serves it");
				}
				continue;
			}
			String name = pooler.get().path("metadata").path("name").asString();
			JsonNode pgbouncer = pooler.get().path("spec").path("pgbouncer");
			boolean transaction = ConnectionBudget.transactionMode(pooler.get());
			if (transaction != pooled(pod)) {
				problems.add(pod.name() + ": Pooler " + name + " runs in " + (transaction ? "transaction" : "session")
						+ " mode, so DATABASE_POOLER must " + (transaction ? "" : "not ") + "be pgbouncer"
						+ (transaction ? " (no server-side prepared statements, no session state)"
								: " (the budget counts a client per server connection)"));
			}
			String ignored = pgbouncer.path("parameters").path("ignore_startup_parameters").asString("");
			if (transaction
					&& Arrays.stream(ignored.split(",")).map(String::strip).noneMatch("extra_float_digits"::equals)) {
				problems
					.add(pod.name() + ": Pooler " + name + " must set ignore_startup_parameters to extra_float_digits, "
							+ "which the JDBC driver sends at login");
			}
			if (transaction) {
				readinessReserve(pooler.get()).ifPresent((problem) -> problems.add(pod.name() + ": " + problem));
			}
			JsonNode resources = pgbouncerContainer(pooler.get()).path("resources");
			if (!resources.path("requests").has("cpu") || !resources.path("requests").has("memory")
					|| !resources.path("limits").has("memory")) {
				problems.add(pod.name() + ": Pooler " + name
						+ " needs CPU and memory requests and a memory limit on its pgbouncer container "
						+ "(spec.template.spec.containers)");
			}
		}
		return problems;
	}

	/**
	 * Every Pooler leads to the primary of the rendered Cluster: {@code type: rw} (the
	 * CRD's default), since the services write and a standby refuses every write, and
	 * {@code spec.cluster.name} that Cluster's name, which the budget and the database's
	 * NetworkPolicies count it under.
	 */
	private static List<String> poolerTargets(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<String> clusters = overlay.custom("Cluster")
			.stream()
			.map((cluster) -> cluster.path("metadata").path("name").asString())
			.toList();
		for (JsonNode pooler : overlay.custom("Pooler")) {
			String name = pooler.path("metadata").path("name").asString();
			String type = pooler.path("spec").path("type").asString("rw");
			if (!"rw".equals(type)) {
				problems.add("Pooler " + name + ": type " + type
						+ " leads to the standbys, which refuse every write: the services need rw (the primary)");
			}
			String cluster = pooler.path("spec").path("cluster").path("name").asString("");
			if (!clusters.contains(cluster)) {
				problems.add("Pooler " + name + ": spec.cluster.name " + cluster + " is not the rendered Cluster "
						+ String.join(", ", clusters));
			}
		}
		return problems;
	}

	/**
	 * In transaction mode the service's pooled connections may hold every server
	 * connection of the pool (a lock, a slow burst), and the health monitor's
	 * {@code SELECT 1} then waits in PgBouncer's queue past its time limit: every pod
	 * turns unready together although the database answers. A reserve that a client may
	 * use before that limit, with room for it under {@code max_db_connections}, gives the
	 * probe a server connection in time.
	 */
	private static Optional<String> readinessReserve(JsonNode pooler) {
		JsonNode parameters = pooler.path("spec").path("pgbouncer").path("parameters");
		int reserve = ConnectionBudget.pgbouncerSetting(parameters, "reserve_pool_size");
		int pool = ConnectionBudget.pgbouncerSetting(parameters, "default_pool_size");
		int cap = ConnectionBudget.pgbouncerSetting(parameters, "max_db_connections");
		BigDecimal wait = new BigDecimal(parameters.path("reserve_pool_timeout").asString("5").strip());
		Duration limit = DefaultTuning.get().healthTimeout();
		boolean inTime = wait.compareTo(BigDecimal.valueOf(limit.toMillis(), 3)) < 0;
		if (reserve > 0 && inTime && (cap == 0 || cap >= pool + reserve)) {
			return Optional.empty();
		}
		return Optional.of("Pooler " + pooler.path("metadata").path("name").asString()
				+ " keeps no reserve the readiness probe reaches in time: it needs reserve_pool_size at least 1 (is "
				+ reserve + "), reserve_pool_timeout under the " + limit.toSeconds() + " s the probe waits (is "
				+ wait.toPlainString() + " s) and max_db_connections 0 or at least default_pool_size +"
				+ " reserve_pool_size, " + (pool + reserve) + " (is " + cap + "); while traffic holds every server"
				+ " connection the probe's SELECT 1 waits in PgBouncer's queue, and every pod turns unready together");
	}

	private static JsonNode pgbouncerContainer(JsonNode pooler) {
		for (JsonNode container : pooler.path("spec").path("template").path("spec").path("containers")) {
			if ("pgbouncer".equals(container.path("name").asString())) {
				return container;
			}
		}
		return MissingNode.getInstance();
	}

	/**
	 * Whether the service expects a PgBouncer in transaction mode
	 * ({@code DATABASE_POOLER=pgbouncer}).
	 */
	static boolean pooled(ServicePod pod) {
		try {
			return pod.settings().database().pooler() == DatabasePooler.PGBOUNCER;
		}
		catch (InvalidSettingException ex) {
			return false;
		}
	}

	/**
	 * Every URL variable a service reads (AUTH_JWKS_URL for product and cart,
	 * PRODUCT_SERVICE_URL for cart) is set, since its default is localhost, which in a
	 * pod is the pod itself; and it names a Service in the manifests that leads to the
	 * right pods and port. AUTH_JWKS_URL's also leads to auth pods that are not ready:
	 * they serve the keys from memory while auth's database is down, when none is ready.
	 */
	static List<String> wiring(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			NetworkChecks.urlsReadBy(pod).forEach((variable, target) -> {
				String value = pod.plain().get(variable);
				if (value == null && pod.secrets().containsKey(variable)) {
					problems.add(pod.name() + ": " + variable + " comes from a Secret, so where it leads cannot be "
							+ "checked; set it in the ConfigMap, it holds no secret");
					return;
				}
				if (value == null) {
					problems.add(pod.name() + ": " + variable + " has no value in the manifests: it would call "
							+ target + " at its default on localhost, which in a pod is the pod itself");
					return;
				}
				URI uri = URI.create(value);
				Optional<Service> service = overlay.named(Service.class, uri.getHost());
				Optional<ServicePod> targetPod = ServicePod.of(overlay)
					.stream()
					.filter((candidate) -> candidate.name().equals(target))
					.findFirst();
				if (service.isEmpty() || targetPod.isEmpty()
						|| !selects(service.get().getSpec().getSelector(), targetPod.get().labels())) {
					problems.add(pod.name() + ": " + variable + " host " + uri.getHost() + " is no Service selecting "
							+ target);
					return;
				}
				Optional<ServicePort> port = service.get()
					.getSpec()
					.getPorts()
					.stream()
					.filter((candidate) -> candidate.getPort() == uri.getPort())
					.findFirst();
				if (port.isEmpty() || !containerPort(targetPod.get().container(), port.get().getTargetPort())
					.equals(Optional.of(targetPod.get().httpPort()))) {
					problems.add(pod.name() + ": " + variable + " port " + uri.getPort() + " does not lead to " + target
							+ "'s port " + targetPod.get().httpPort());
				}
				if (variable.equals(JwksJwtDecoders.AUTH_JWKS_URL)
						&& !Boolean.TRUE.equals(service.get().getSpec().getPublishNotReadyAddresses())) {
					problems.add(pod.name() + ": " + variable + "'s Service " + uri.getHost()
							+ " leads only to ready pods: while auth's database is down none is, and a pod without the "
							+ "keys cannot fetch them (publishNotReadyAddresses: true)");
				}
			});
		}
		return problems;
	}

	static List<String> budget(RenderedOverlay overlay) {
		return ConnectionBudget.of(overlay).problems();
	}

	/**
	 * Every selector selects what it is meant to: Services and HPAs their Deployment,
	 * PDBs one Deployment's or one Pooler's pods, Deployments their pods; and each
	 * Service's port {@code http} leads to the port the service listens on
	 * ({@code PORT}), not to its probe port, where everything but {@code /health*} is
	 * 404.
	 */
	static List<String> selectors(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		List<Deployment> deployments = overlay.deployments();
		for (Deployment deployment : deployments) {
			String name = deployment.getMetadata().getName();
			LabelSelector selector = deployment.getSpec().getSelector();
			if (!selector.getMatchExpressions().isEmpty() || !selects(selector.getMatchLabels(),
					deployment.getSpec().getTemplate().getMetadata().getLabels())) {
				problems.add("Deployment " + name + ": its selector does not match its pod template's labels");
			}
			if (overlay.disruptionBudgets()
				.stream()
				.noneMatch((pdb) -> selectsOnly(overlay, pdb.getSpec().getSelector(), deployment))) {
				problems.add("Deployment " + name + ": no PodDisruptionBudget selects its pods");
			}
			if (autoscaler(overlay, deployment).isEmpty()) {
				problems.add("Deployment " + name + ": no HorizontalPodAutoscaler scales it");
			}
		}
		for (Service service : overlay.services()) {
			List<Deployment> selected = deployments.stream()
				.filter((deployment) -> selects(service.getSpec().getSelector(),
						deployment.getSpec().getTemplate().getMetadata().getLabels()))
				.toList();
			if (selected.size() != 1) {
				problems
					.add("Service " + service.getMetadata().getName() + " selects " + selected.size() + " Deployments");
				continue;
			}
			ServicePod pod = ServicePod.of(overlay, selected.get(0));
			for (ServicePort port : service.getSpec().getPorts()) {
				Optional<Integer> target = containerPort(pod.container(), port.getTargetPort());
				if (target.isEmpty()) {
					problems.add("Service " + service.getMetadata().getName() + ": targetPort "
							+ text(port.getTargetPort()) + " is no port of its pods");
				}
				else if (SERVICE_PORT.equals(port.getName()) && target.get() != pod.httpPort()) {
					// requests, JWKS fetches and scrapes all come this way: on the
					// probe port everything but /health* is 404
					problems.add("Service " + service.getMetadata().getName() + ": port " + SERVICE_PORT
							+ " leads to container port " + target.get() + ", not the one " + pod.name()
							+ " listens on (" + pod.httpPort() + ")");
				}
			}
			if (service.getSpec().getPorts().stream().noneMatch((port) -> SERVICE_PORT.equals(port.getName()))) {
				problems.add("Service " + service.getMetadata().getName() + ": no port named " + SERVICE_PORT
						+ ", the one its clients and the ServiceMonitor use");
			}
		}
		for (PodDisruptionBudget pdb : overlay.disruptionBudgets()) {
			LabelSelector selector = pdb.getSpec().getSelector();
			if (deployments.stream().noneMatch((deployment) -> selectsOnly(overlay, selector, deployment))
					&& overlay.custom("Pooler")
						.stream()
						.noneMatch((pooler) -> selectsOnly(overlay, selector, pooler))) {
				problems.add("PodDisruptionBudget " + pdb.getMetadata().getName()
						+ " selects neither one Deployment's nor one Pooler's pods alone");
			}
		}
		for (HorizontalPodAutoscaler hpa : overlay.autoscalers()) {
			var target = hpa.getSpec().getScaleTargetRef();
			if (!"apps/v1".equals(target.getApiVersion()) || !"Deployment".equals(target.getKind())
					|| overlay.named(Deployment.class, target.getName()).isEmpty()) {
				problems
					.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " scales no rendered Deployment");
			}
			if (orDefault(hpa.getSpec().getMinReplicas(), 1) > hpa.getSpec().getMaxReplicas()) {
				problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + ": minReplicas > maxReplicas");
			}
		}
		for (var policy : overlay.networkPolicies()) {
			if (NetworkChecks.databaseSide(policy) || NetworkChecks.namespaceWide(policy)) {
				// CloudNativePG's pods: NetworkChecks.databaseIngress; every pod:
				// NetworkChecks.defaultDeny
				continue;
			}
			if (deployments.stream()
				.noneMatch((deployment) -> selects(policy.getSpec().getPodSelector(), deployment))) {
				problems.add("NetworkPolicy " + policy.getMetadata().getName() + " selects no Storefront pod");
			}
		}
		return problems;
	}

	/**
	 * Every PodDisruptionBudget allows an eviction when the pods it selects are at their
	 * fewest, and lets unready pods be evicted: readiness follows the database, so during
	 * its outage every pod is unready, and a budget counting only ready pods would refuse
	 * every eviction and hang a node drain just then. A Cluster of one instance has no
	 * budget of CloudNativePG's ({@code enablePDB: false}): it would allow no eviction of
	 * that instance, and hang every drain of its node.
	 */
	static List<String> disruption(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (PodDisruptionBudget pdb : overlay.disruptionBudgets()) {
			if (!"AlwaysAllow".equals(pdb.getSpec().getUnhealthyPodEvictionPolicy())) {
				problems.add("PodDisruptionBudget " + pdb.getMetadata().getName()
						+ ": unhealthyPodEvictionPolicy must be AlwaysAllow, or a database outage (every pod "
						+ "unready) blocks node drains");
			}
			guardedPods(overlay, pdb).flatMap((pods) -> evictionRefused(pdb, pods)).ifPresent(problems::add);
			guardedPods(overlay, pdb).flatMap((pods) -> everyPodEvicted(pdb, pods)).ifPresent(problems::add);
		}
		for (JsonNode cluster : overlay.custom("Cluster")) {
			JsonNode spec = cluster.path("spec");
			if (spec.path("instances").asInt(1) < 2 && spec.path("enablePDB").asBoolean(true)) {
				problems.add("Cluster " + cluster.path("metadata").path("name").asString()
						+ ": one instance with CloudNativePG's PodDisruptionBudget (enablePDB, true by default),"
						+ " which allows no eviction of it: every drain of its node waits for ever");
			}
		}
		return problems;
	}

	/**
	 * Why the budget would allow no eviction when the pods it selects are at their fewest
	 * ({@code pods}), if it would: then every node drain that meets one of them waits for
	 * ever. Kubernetes rounds a percentage of either field up.
	 */
	private static Optional<String> evictionRefused(PodDisruptionBudget pdb, int pods) {
		String name = "PodDisruptionBudget " + pdb.getMetadata().getName();
		IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
		IntOrString minAvailable = pdb.getSpec().getMinAvailable();
		if (maxUnavailable != null) {
			return (Quantities.pods(maxUnavailable, pods, RoundingMode.CEILING) >= 1) ? Optional.empty()
					: Optional.of(name + ": maxUnavailable " + text(maxUnavailable)
							+ " allows no eviction: every node drain that meets one of its pods waits" + " for ever");
		}
		if (minAvailable != null) {
			return (Quantities.pods(minAvailable, pods, RoundingMode.CEILING) < pods) ? Optional.empty()
					: Optional.of(name + ": minAvailable " + text(minAvailable) + " is not below the " + pods
							+ " pods it selects at the fewest (HPA minReplicas, replicas or Pooler instances): then it"
							+ " allows no eviction, and every node drain that meets one of them waits for ever");
		}
		return Optional.of(name + ": neither maxUnavailable nor minAvailable");
	}

	/**
	 * Whether the budget lets a drain evict every one of its pods at once when there are
	 * several ({@code pods}, at their fewest): then it guards nothing, and a drain of
	 * their nodes leaves the service or its Pooler with none. One pod alone (dev's
	 * {@code minReplicas: 1}) can only be let go or hang every drain.
	 */
	private static Optional<String> everyPodEvicted(PodDisruptionBudget pdb, int pods) {
		IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
		IntOrString minAvailable = pdb.getSpec().getMinAvailable();
		int evictable = (maxUnavailable != null) ? Quantities.pods(maxUnavailable, pods, RoundingMode.CEILING)
				: (minAvailable != null) ? pods - Quantities.pods(minAvailable, pods, RoundingMode.CEILING) : 0;
		if (pods < 2 || evictable < pods) {
			return Optional.empty();
		}
		return Optional.of("PodDisruptionBudget " + pdb.getMetadata().getName() + ": lets all " + pods
				+ " pods it selects at the fewest be evicted at once (" + ((maxUnavailable != null)
						? "maxUnavailable " + text(maxUnavailable) : "minAvailable " + text(minAvailable))
				+ "): a drain of their nodes leaves none");
	}

	/**
	 * The fewest pods of the one Deployment or Pooler the budget selects: the HPA's
	 * {@code minReplicas} (else the Deployment's replicas), or the Pooler's instances;
	 * empty when it selects no such group alone ({@link #selectors} reports that).
	 */
	private static Optional<Integer> guardedPods(RenderedOverlay overlay, PodDisruptionBudget pdb) {
		LabelSelector selector = pdb.getSpec().getSelector();
		for (Deployment deployment : overlay.deployments()) {
			if (selectsOnly(overlay, selector, deployment)) {
				return Optional
					.of(autoscaler(overlay, deployment).map((hpa) -> orDefault(hpa.getSpec().getMinReplicas(), 1))
						.orElse(orDefault(deployment.getSpec().getReplicas(), 1)));
			}
		}
		return overlay.custom("Pooler")
			.stream()
			.filter((pooler) -> selectsOnly(overlay, selector, pooler))
			.map((pooler) -> pooler.path("spec").path("instances").asInt(1))
			.findFirst();
	}

	/**
	 * No Cluster enables password login as the superuser: only {@code db provision} needs
	 * it, switched on with {@code kubectl patch} for its time (docs/kubernetes.md).
	 * Committed as {@code true}, every {@code kubectl apply -k} or GitOps sync would turn
	 * it on again. Written out as {@code false}, not left to the operator's default, so
	 * that an apply also switches off a patched {@code true}.
	 */
	static List<String> superuserAccess(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (JsonNode cluster : overlay.custom("Cluster")) {
			JsonNode access = cluster.path("spec").path("enableSuperuserAccess");
			if (!access.isBoolean() || access.asBoolean()) {
				problems.add("Cluster " + cluster.path("metadata").path("name").asString()
						+ ": enableSuperuserAccess must be false, written out: every apply of the overlay then switches"
						+ " off the superuser's password login that db provision switched on (is "
						+ (access.isMissingNode() ? "unset" : access.asString()) + ")");
			}
		}
		return problems;
	}

	/**
	 * Every Pooler of more than one instance keeps one through a node drain and a node's
	 * loss: a PodDisruptionBudget selects its pods alone (CloudNativePG makes none for a
	 * Pooler), and its pod template spreads them over nodes (a topology spread constraint
	 * or pod anti-affinity on {@value #HOSTNAME} selecting its pods). Every service
	 * reaches its database only through its Pooler, and its readiness with it.
	 */
	static List<String> poolerAvailability(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (JsonNode pooler : overlay.custom("Pooler")) {
			int instances = pooler.path("spec").path("instances").asInt(1);
			if (instances < 2) {
				continue;
			}
			String name = pooler.path("metadata").path("name").asString();
			if (overlay.disruptionBudgets()
				.stream()
				.noneMatch((pdb) -> selectsOnly(overlay, pdb.getSpec().getSelector(), pooler))) {
				problems.add("Pooler " + name + ": " + instances + " instances but no PodDisruptionBudget selects its"
						+ " pods (CloudNativePG makes none): a node drain may evict them all at once");
			}
			if (SpreadRule.of(pooler.path("spec").path("template").path("spec"))
				.stream()
				.noneMatch((rule) -> rule.overNodes() && selectsOnly(overlay, rule.selector(), pooler))) {
				problems.add("Pooler " + name + ": " + instances + " instances but nothing spreads them over nodes"
						+ " (spec.template.spec: topologySpreadConstraints or podAntiAffinity on " + HOSTNAME
						+ " selecting its pods): they may all run on the node a drain empties");
			}
		}
		return problems;
	}

	/**
	 * Every service whose autoscaler may run two or more pods spreads them over nodes (a
	 * topology spread constraint or pod anti-affinity on {@value #HOSTNAME} selecting its
	 * pods alone), so that a node's loss leaves it a pod; its PodDisruptionBudget
	 * ({@link #selectors}) covers a drain.
	 */
	static List<String> serviceAvailability(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : overlay.deployments()) {
			int pods = autoscaler(overlay, deployment).map((hpa) -> hpa.getSpec().getMaxReplicas())
				.orElse(orDefault(deployment.getSpec().getReplicas(), 1));
			if (pods > 1 && SpreadRule.of(deployment.getSpec().getTemplate().getSpec())
				.stream()
				.noneMatch((rule) -> rule.overNodes() && selectsOnly(overlay, rule.selector(), deployment))) {
				problems.add("Deployment " + deployment.getMetadata().getName() + ": up to " + pods
						+ " pods but nothing spreads them over nodes (spec.template.spec: topologySpreadConstraints or"
						+ " podAntiAffinity on " + HOSTNAME
						+ " selecting its pods): one node's loss may take them all");
			}
		}
		return problems;
	}

	/**
	 * Where the overlay's Cluster keeps an instance through a node drain (two or more
	 * instances), every service keeps two pods at its fewest (the HPA's
	 * {@code minReplicas}, else {@code replicas}): its PodDisruptionBudget lets a drain
	 * evict one pod at a time, so a service of one pod would be down for the drain while
	 * its database is not. A Cluster of one instance goes down for the drain anyway, and
	 * one pod beside it is let go ({@link #everyPodEvicted}).
	 */
	static List<String> serviceRedundancy(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (JsonNode cluster : overlay.custom("Cluster")) {
			int instances = cluster.path("spec").path("instances").asInt(1);
			if (instances < 2) {
				continue;
			}
			for (Deployment deployment : overlay.deployments()) {
				int fewest = autoscaler(overlay, deployment).map((hpa) -> orDefault(hpa.getSpec().getMinReplicas(), 1))
					.orElse(orDefault(deployment.getSpec().getReplicas(), 1));
				if (fewest < 2) {
					problems.add("Deployment " + deployment.getMetadata().getName() + ": " + fewest
							+ " pod at the fewest (HPA minReplicas, else replicas) beside Cluster "
							+ cluster.path("metadata").path("name").asString() + " of " + instances
							+ " instances: its PodDisruptionBudget lets a node drain evict that pod, and the service"
							+ " is down while its database is not");
				}
			}
		}
		return problems;
	}

	/**
	 * A rule of a pod template that places its pods apart: a topology spread constraint,
	 * or a required or preferred pod anti-affinity term.
	 */
	private record SpreadRule(String topologyKey, LabelSelector selector) {

		boolean overNodes() {
			return HOSTNAME.equals(this.topologyKey);
		}

		static List<SpreadRule> of(PodSpec spec) {
			List<SpreadRule> rules = new ArrayList<>();
			spec.getTopologySpreadConstraints()
				.forEach((rule) -> rules.add(new SpreadRule(rule.getTopologyKey(), rule.getLabelSelector())));
			Optional.ofNullable(spec.getAffinity()).map(Affinity::getPodAntiAffinity).ifPresent((antiAffinity) -> {
				antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()
					.forEach((term) -> rules.add(new SpreadRule(term.getTopologyKey(), term.getLabelSelector())));
				antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution()
					.forEach((weighted) -> rules.add(new SpreadRule(weighted.getPodAffinityTerm().getTopologyKey(),
							weighted.getPodAffinityTerm().getLabelSelector())));
			});
			return rules;
		}

		/** The same, of a custom resource's pod template (a Pooler's). */
		static List<SpreadRule> of(JsonNode spec) {
			List<JsonNode> rules = new ArrayList<>();
			spec.path("topologySpreadConstraints").forEach(rules::add);
			JsonNode antiAffinity = spec.path("affinity").path("podAntiAffinity");
			antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(rules::add);
			antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")
				.forEach((term) -> rules.add(term.path("podAffinityTerm")));
			return rules.stream()
				.map((rule) -> new SpreadRule(rule.path("topologyKey").asString(""),
						labelSelector(rule.path("labelSelector"))))
				.toList();
		}

	}

	/**
	 * Every image with a fixed tag: the services' at the build's version, or pinned by
	 * digest (an overlay's {@code images:} entry with {@code digest:}, with that tag or
	 * none), the database's pinned too. A tag names the version, not the build: an image
	 * rebuilt under the same tag is not pulled again by a node that has the old one
	 * (docs/kubernetes.md, "Images").
	 */
	static List<String> images(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			for (Container container : containers(pod.pod())) {
				String image = container.getImage();
				String tag = tag(image);
				if (!pod.name().equals(repository(image).substring(repository(image).lastIndexOf('/') + 1))) {
					problems.add(pod.name() + ": image " + image + " is not the " + pod.name() + " image");
				}
				if (!namesRegistry(image)) {
					problems.add(pod.name() + ": image " + image + " would be pulled from Docker Hub by a node without"
							+ " it, where this project publishes nothing: name a registry host (localhost/… for images"
							+ " loaded onto the nodes)");
				}
				boolean pinned = digest(image).filter(DIGEST.asMatchPredicate()).isPresent();
				if (!Repository.version().equals(tag) && !(pinned && tag.isEmpty())) {
					problems.add(pod.name() + ": image " + image + " must carry the fixed tag " + Repository.version()
							+ " (the version the jar was built as), or be pinned by digest with that tag or none");
				}
			}
		}
		for (var cluster : overlay.custom("Cluster")) {
			String image = cluster.path("spec").path("imageName").asString("");
			String tag = tag(image);
			if (tag.isEmpty() || "latest".equals(tag)) {
				problems.add("Cluster " + cluster.path("metadata").path("name").asString() + ": imageName " + image
						+ " must carry a fixed tag");
			}
		}
		return problems;
	}

	/**
	 * Non-root as the image's user, read-only root filesystem with a writable /tmp, no
	 * capabilities, no token, no service links, RuntimeDefault seccomp. Of these the
	 * namespaces' {@code restricted} Pod Security level enforces only the non-root user,
	 * the capabilities, privilege escalation and seccomp: the rest only these checks hold
	 * (docs/kubernetes.md, "Hardening").
	 */
	static List<String> security(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			PodSpec spec = pod.pod();
			String name = pod.name();
			if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
				problems.add(name + ": automountServiceAccountToken must be false");
			}
			// no <SERVICE>_PORT_... variables, which the restricted level does not forbid
			if (!Boolean.FALSE.equals(spec.getEnableServiceLinks())) {
				problems.add(name + ": enableServiceLinks must be false");
			}
			if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
					|| Boolean.TRUE.equals(spec.getHostIPC())) {
				problems.add(name + ": shares a host namespace");
			}
			PodSecurityContext podContext = Objects.requireNonNullElseGet(spec.getSecurityContext(),
					PodSecurityContext::new);
			for (Container container : containers(spec)) {
				String where = name + " container " + container.getName();
				SecurityContext context = Objects.requireNonNullElseGet(container.getSecurityContext(),
						SecurityContext::new);
				if (!Boolean.TRUE
					.equals(Objects.requireNonNullElse(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()))) {
					problems.add(where + ": runAsNonRoot must be true");
				}
				Long user = Objects.requireNonNullElse(context.getRunAsUser(), podContext.getRunAsUser());
				long imageUser = ContainerImage.of(name).userId();
				if (user == null || user == 0 || user != imageUser) {
					problems.add(where + ": runAsUser " + user + " must be the image's non-root user " + imageUser);
				}
				if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
					problems.add(where + ": allowPrivilegeEscalation must be false");
				}
				if (Boolean.TRUE.equals(context.getPrivileged())) {
					problems.add(where + ": privileged");
				}
				if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
					problems.add(where + ": readOnlyRootFilesystem must be true");
				}
				var capabilities = context.getCapabilities();
				if (capabilities == null || !capabilities.getDrop().contains("ALL")
						|| !capabilities.getAdd().isEmpty()) {
					problems.add(where + ": capabilities must drop ALL and add none");
				}
				var seccomp = (context.getSeccompProfile() != null) ? context.getSeccompProfile()
						: podContext.getSeccompProfile();
				if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
					problems.add(where + ": seccompProfile must be RuntimeDefault");
				}
				boolean writableTmp = container.getVolumeMounts()
					.stream()
					.anyMatch(
							(mount) -> "/tmp".equals(mount.getMountPath()) && !Boolean.TRUE.equals(mount.getReadOnly())
									&& spec.getVolumes()
										.stream()
										.filter((volume) -> volume.getName().equals(mount.getName()))
										.map(Volume::getEmptyDir)
										.anyMatch(Objects::nonNull));
				if (!writableTmp) {
					problems.add(where + ": /tmp must be a writable emptyDir (java.io.tmpdir on a read-only root)");
				}
			}
		}
		return problems;
	}

	/**
	 * Requests and limits on every container; the image's maximum heap at most half the
	 * memory limit.
	 */
	static List<String> resources(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (ServicePod pod : ServicePod.of(overlay)) {
			long heap = ContainerImage.of(pod.name()).maximumHeapBytes();
			for (Container container : containers(pod.pod())) {
				String where = pod.name() + " container " + container.getName();
				ResourceRequirements resources = Objects.requireNonNullElseGet(container.getResources(),
						ResourceRequirements::new);
				Map<String, Quantity> requests = resources.getRequests();
				Map<String, Quantity> limits = resources.getLimits();
				for (String resource : List.of("cpu", "memory")) {
					if (!requests.containsKey(resource) || !limits.containsKey(resource)) {
						problems.add(where + ": needs a " + resource + " request and limit");
					}
				}
				if (!limits.containsKey("memory") || !requests.containsKey("memory")) {
					continue;
				}
				long limit = Quantities.bytes(limits.get("memory"));
				long request = Quantities.bytes(requests.get("memory"));
				if (heap * 2 > limit) {
					problems.add(where + ": the JVM's maximum heap (" + (heap >> 20)
							+ " MiB) is more than half the memory limit (" + (limit >> 20)
							+ " MiB); the rest is metaspace, code, threads and native memory");
				}
				if (request < heap || request > limit) {
					problems.add(where + ": the memory request (" + (request >> 20)
							+ " MiB) must lie between the maximum heap and the limit");
				}
			}
		}
		return problems;
	}

	static Optional<HorizontalPodAutoscaler> autoscaler(RenderedOverlay overlay, Deployment deployment) {
		return overlay.autoscalers()
			.stream()
			.filter((hpa) -> "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
					&& deployment.getMetadata().getName().equals(hpa.getSpec().getScaleTargetRef().getName()))
			.findFirst();
	}

	static boolean selects(LabelSelector selector, Deployment deployment) {
		return selector != null && selector.getMatchExpressions().isEmpty()
				&& selects(selector.getMatchLabels(), deployment.getSpec().getTemplate().getMetadata().getLabels());
	}

	/**
	 * A selector with nothing in it would select every pod: never counted as selecting
	 * one Deployment.
	 */
	static boolean selects(Map<String, String> selector, Map<String, String> labels) {
		return selector != null && !selector.isEmpty() && labels != null
				&& selector.entrySet()
					.stream()
					.allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())));
	}

	/**
	 * Whether the selector selects the Deployment's pods and no other Deployment's or
	 * Pooler's.
	 */
	private static boolean selectsOnly(RenderedOverlay overlay, LabelSelector selector, Deployment deployment) {
		return selects(selector, deployment) && selectedGroups(overlay, selector) == 1;
	}

	/**
	 * Whether the selector selects the Pooler's pods and no other Pooler's or
	 * Deployment's.
	 */
	private static boolean selectsOnly(RenderedOverlay overlay, LabelSelector selector, JsonNode pooler) {
		return selector != null && selector.getMatchExpressions().isEmpty()
				&& selects(selector.getMatchLabels(), poolerPodLabels(pooler))
				&& selectedGroups(overlay, selector) == 1;
	}

	/** How many Deployments' and Poolers' pods the selector selects. */
	private static long selectedGroups(RenderedOverlay overlay, LabelSelector selector) {
		if (selector == null || !selector.getMatchExpressions().isEmpty()) {
			return 0;
		}
		return overlay.deployments().stream().filter((deployment) -> selects(selector, deployment)).count()
				+ overlay.custom("Pooler")
					.stream()
					.filter((pooler) -> selects(selector.getMatchLabels(), poolerPodLabels(pooler)))
					.count();
	}

	/**
	 * The labels CloudNativePG puts on a Pooler's PgBouncer pods: the Pooler's name, the
	 * pod's role and (in recent versions) its Cluster's name, so that a selector on the
	 * Cluster's name alone counts as selecting every Pooler of the Cluster.
	 */
	static Map<String, String> poolerPodLabels(JsonNode pooler) {
		return Map.of(POOLER_NAME, pooler.path("metadata").path("name").asString(), "cnpg.io/podRole", "pooler",
				"cnpg.io/cluster", pooler.path("spec").path("cluster").path("name").asString());
	}

	/**
	 * A label selector of a Pooler's pod template; {@code null} (selecting nothing) with
	 * match expressions, which the checks do not evaluate.
	 */
	private static LabelSelector labelSelector(JsonNode selector) {
		if (!selector.isObject() || !selector.path("matchExpressions").isEmpty()) {
			return null;
		}
		Map<String, String> labels = new LinkedHashMap<>();
		selector.path("matchLabels")
			.properties()
			.forEach((entry) -> labels.put(entry.getKey(), entry.getValue().asString()));
		return new LabelSelector(List.of(), labels);
	}

	static Optional<Integer> containerPort(Container container, IntOrString port) {
		if (port == null) {
			return Optional.empty();
		}
		if (port.getIntVal() != null) {
			return container.getPorts()
				.stream()
				.map(ContainerPort::getContainerPort)
				.filter(port.getIntVal()::equals)
				.findFirst();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst();
	}

	/** Whole or fractional seconds, as {@code sleep} takes them: 5, 5.5. */
	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

	private static String text(IntOrString value) {
		return (value == null) ? "none"
				: (value.getIntVal() != null) ? value.getIntVal().toString() : value.getStrVal();
	}

	private static List<Container> containers(PodSpec spec) {
		List<Container> containers = new ArrayList<>(spec.getInitContainers());
		containers.addAll(spec.getContainers());
		return containers;
	}

	private static String repository(String image) {
		String withoutDigest = image.split("@", 2)[0];
		int colon = withoutDigest.lastIndexOf(':');
		return (colon > withoutDigest.lastIndexOf('/')) ? withoutDigest.substring(0, colon) : withoutDigest;
	}

	/**
	 * Whether the reference starts with a registry host other than Docker Hub's: a first
	 * component holding a dot or a port, or {@code localhost}, as Docker's reference
	 * grammar tells a host from a Docker Hub namespace.
	 */
	private static boolean namesRegistry(String image) {
		int slash = image.indexOf('/');
		if (slash < 0) {
			return false;
		}
		String first = image.substring(0, slash);
		return (first.contains(".") || first.contains(":") || first.equals("localhost")) && !DOCKER_HUB.contains(first);
	}

	/** What follows the {@code @} of an image reference, if anything. */
	private static Optional<String> digest(String image) {
		int at = image.indexOf('@');
		return (at < 0) ? Optional.empty() : Optional.of(image.substring(at + 1));
	}

	private static String tag(String image) {
		String withoutDigest = image.split("@", 2)[0];
		int colon = withoutDigest.lastIndexOf(':');
		return (colon > withoutDigest.lastIndexOf('/')) ? withoutDigest.substring(colon + 1) : "";
	}

	private static String served(String path) {
		if (!Arrays.asList(HealthProbeFilter.PATHS).contains(path)) {
			throw new IllegalStateException("the services no longer serve " + path + " (HealthProbeFilter.PATHS)");
		}
		return path;
	}

	/**
	 * Spring's graceful shutdown limit, as every service gets it from storefront-db's
	 * defaults.
	 */
	static Duration shutdownPhase() {
		Properties defaults = new Properties();
		try (InputStream input = HealthProbeFilter.class.getClassLoader()
			.getResourceAsStream("storefront-defaults.properties")) {
			defaults.load(Objects.requireNonNull(input, "storefront-defaults.properties"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return DurationStyle.detectAndParse(defaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase", "30s"));
	}

	private static <T> T orDefault(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
