package io.storefront.launcher.replicas;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.UpOptions;
import io.storefront.launcher.services.ServiceEnvironment;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.StateLayout;

/**
 * The replicas of each service, made from the service's own spec: replica {@code r}
 * listens on its own port ({@link UpOptions#replicaPort}), logs to
 * {@code <service>-<r>.log}, reaches its database through PgBouncer
 * ({@code DATABASE_POOLER=pgbouncer}) and migrates it over a direct connection
 * ({@code DATABASE_MIGRATION_URL}, the env file's {@code DATABASE_URL}), and drains on
 * SIGTERM for {@link #DRAIN_PERIOD} unless the launcher's environment sets a drain period
 * itself. The other services are reached through HAProxy, on the service ports the spec
 * already names.
 */
final class ReplicaSpecs {

	/**
	 * Longer than HAProxy needs to take a not-ready replica out of rotation, with a
	 * second to spare.
	 */
	static final Duration DRAIN_PERIOD = Haproxy.leavesRotationWithin().plusSeconds(1);

	private ReplicaSpecs() {
	}

	/**
	 * @param services the services as they would run alone, in
	 * {@code KnownServices.ALL}'s order
	 * @param inherited the launcher's own environment
	 */
	static List<ServiceSpec> of(List<ServiceSpec> services, UpOptions options, Map<String, String> inherited,
			StateLayout state) {
		List<ServiceSpec> replicas = new ArrayList<>();
		for (int i = 0; i < services.size(); i++) {
			ServiceSpec service = services.get(i);
			for (int replica = 1; replica <= options.replicas(); replica++) {
				int port = options.replicaPort(i, replica);
				replicas.add(
						service.asReplica(replica, port, environment(service, port, options.pgbouncerPort(), inherited),
								state.serviceLog(service.name() + "-" + replica)));
			}
		}
		return replicas;
	}

	static Map<String, String> environment(ServiceSpec service, int port, int pgbouncerPort,
			Map<String, String> inherited) {
		Map<String, String> environment = new HashMap<>(service.environment());
		String direct = environment.get(StorefrontSettings.DATABASE_URL);
		if (direct == null || direct.isBlank()) {
			throw new LauncherException(service.name() + "'s env file has no " + StorefrontSettings.DATABASE_URL);
		}
		environment.put(StorefrontSettings.PORT, Integer.toString(port));
		environment.put(StorefrontSettings.DATABASE_URL, throughPgBouncer(direct, pgbouncerPort));
		environment.put(StorefrontSettings.DATABASE_MIGRATION_URL, direct);
		environment.put(StorefrontSettings.DATABASE_POOLER, "pgbouncer");
		if (!inherited.containsKey(ServiceEnvironment.DRAIN_PERIOD)) {
			environment.put(ServiceEnvironment.DRAIN_PERIOD, DRAIN_PERIOD.toMillis() + "ms");
		}
		return environment;
	}

	/**
	 * The same login and database, on PgBouncer's loopback port instead of the server's.
	 */
	static String throughPgBouncer(String direct, int pgbouncerPort) {
		DatabaseUrl url = DatabaseUrl.parse(StorefrontSettings.DATABASE_URL, direct);
		String query = url.parameters()
			.entrySet()
			.stream()
			.map((parameter) -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
			.collect(Collectors.joining("&"));
		return "postgresql://" + encode(url.user()) + ":" + encode(url.password()) + "@127.0.0.1:" + pgbouncerPort + "/"
				+ encode(url.database()) + (query.isEmpty() ? "" : "?" + query);
	}

	private static String encode(String text) {
		return URLEncoder.encode((text != null) ? text : "", StandardCharsets.UTF_8).replace("+", "%20");
	}

}
