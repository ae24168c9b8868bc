package io.storefront.launcher.services;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.launcher.state.AdminLogin;

/**
 * A service's environment under {@code up}: the launcher's own (PATH, locale, pool tuning
 * someone exported, …) minus the database location and port it decides itself, plus the
 * service's env file, plus the wiring between the services and the address they listen on
 * ({@code SERVER_ADDRESS}), plus {@code MALLOC_ARENA_MAX=2} unless given (see
 * {@link ServiceJvm}), plus no drain on SIGTERM unless given: no load balancer routes to
 * a local run, so Ctrl-C need not wait for one. Only auth-service sees the admin
 * password.
 */
public final class ServiceEnvironment {

	/** Spring's {@code server.address}: the launcher's {@code --listen} decides it. */
	public static final String SERVER_ADDRESS = "SERVER_ADDRESS";

	/**
	 * {@code storefront.shutdown.drain-period}: how long the service answers not-ready
	 * before it stops.
	 */
	public static final String DRAIN_PERIOD = "STOREFRONT_SHUTDOWN_DRAIN_PERIOD";

	/**
	 * Where the service's database (what it migrates and what sits in front of it
	 * included) and HTTP port are: only the env file and the launcher say that. A
	 * {@code DATABASE_MIGRATION_URL} left in the shell would otherwise run this
	 * checkout's migrations against whatever it names.
	 */
	private static final List<String> DECIDED_BY_LAUNCHER = List.of(StorefrontSettings.DATABASE_URL,
			StorefrontSettings.DATABASE_HOST, StorefrontSettings.DATABASE_PORT, StorefrontSettings.DATABASE_NAME,
			StorefrontSettings.DATABASE_USER, StorefrontSettings.DATABASE_PASSWORD,
			StorefrontSettings.DATABASE_MIGRATION_URL, StorefrontSettings.DATABASE_POOLER, StorefrontSettings.PORT,
			SERVER_ADDRESS, AdminLogin.EMAIL, AdminLogin.PASSWORD);

	private ServiceEnvironment() {
	}

	/**
	 * @param ports each service's HTTP port
	 * @param listen the address every service listens on
	 */
	public static Map<String, String> of(ServiceIdentity service, Map<String, String> inherited,
			Map<String, String> envFile, Map<ServiceIdentity, Integer> ports, ListenAddress listen, AdminLogin admin) {
		Map<String, String> environment = new HashMap<>(inherited);
		DECIDED_BY_LAUNCHER.forEach(environment::remove);
		environment.putAll(envFile);
		environment.put(StorefrontSettings.PORT, Integer.toString(ports.get(service)));
		environment.put(SERVER_ADDRESS, listen.address());
		environment.put("AUTH_JWKS_URL", listen.url(ports.get(KnownServices.AUTH)) + "/.well-known/jwks.json");
		environment.put("PRODUCT_SERVICE_URL", listen.url(ports.get(KnownServices.PRODUCT)));
		environment.put("STOREFRONT_DEV_DATA", "true");
		environment.putIfAbsent(ServiceJvm.MALLOC_ARENA_MAX, ServiceJvm.MALLOC_ARENAS);
		environment.putIfAbsent(DRAIN_PERIOD, "0s");
		if (service.equals(KnownServices.AUTH)) {
			environment.put(AdminLogin.EMAIL, admin.email());
			environment.put(AdminLogin.PASSWORD, admin.password());
		}
		return environment;
	}

}
