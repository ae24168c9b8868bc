package io.storefront.launcher.services;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.launcher.state.AdminLogin;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTests {

	private static final Map<ServiceIdentity, Integer> PORTS = Map.of(KnownServices.AUTH, 18001, KnownServices.PRODUCT,
			18002, KnownServices.CART, 18003);

	private static final AdminLogin ADMIN = new AdminLogin("admin@storefront.local", "admin-secret");

	@Test
	void envFileAndLauncherDecideTheDatabaseAndPortNotTheShell() {
		Map<String, String> inherited = Map.of("PATH", "/usr/bin", "DATABASE_URL", "postgresql://stale/auth_db",
				"DATABASE_PASSWORD", "stale", "PORT", "9999", "DATABASE_POOL_SIZE", "4", "SERVER_ADDRESS", "0.0.0.0",
				"DATABASE_MIGRATION_URL", "postgresql://someone@staging/cart_db", "DATABASE_POOLER", "pgbouncer");

		Map<String, String> environment = ServiceEnvironment.of(KnownServices.CART, inherited,
				Map.of("DATABASE_URL", "postgresql://cart_svc:pw@localhost:54329/cart_db", "PORT", "1"), PORTS,
				ListenAddress.LOOPBACK, ADMIN);

		assertThat(environment).containsEntry("PATH", "/usr/bin")
			.containsEntry("DATABASE_POOL_SIZE", "4")
			.containsEntry("DATABASE_URL", "postgresql://cart_svc:pw@localhost:54329/cart_db")
			.containsEntry("PORT", "18003")
			.containsEntry("SERVER_ADDRESS", "127.0.0.1")
			.containsEntry("AUTH_JWKS_URL", "http://127.0.0.1:18001/.well-known/jwks.json")
			.containsEntry("PRODUCT_SERVICE_URL", "http://127.0.0.1:18002")
			.containsEntry("STOREFRONT_DEV_DATA", "true")
			.doesNotContainKeys("DATABASE_PASSWORD", "AUTH_ADMIN_PASSWORD", "AUTH_ADMIN_EMAIL",
					"DATABASE_MIGRATION_URL", "DATABASE_POOLER");
	}

	@Test
	void aLocalRunStopsWithoutDrainingUnlessTheEnvFileOrShellAsks() {
		Map<String, String> byDefault = ServiceEnvironment.of(KnownServices.CART, Map.of(), Map.of(), PORTS,
				ListenAddress.LOOPBACK, ADMIN);
		Map<String, String> asked = ServiceEnvironment.of(KnownServices.CART, Map.of(),
				Map.of("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "3s"), PORTS, ListenAddress.LOOPBACK, ADMIN);

		assertThat(byDefault).containsEntry("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "0s");
		assertThat(asked).containsEntry("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "3s");
	}

	@Test
	void onlyAuthGetsTheAdminLogin() {
		Map<String, String> environment = ServiceEnvironment.of(KnownServices.AUTH, Map.of(), Map.of(), PORTS,
				ListenAddress.LOOPBACK, ADMIN);

		assertThat(environment).containsEntry("AUTH_ADMIN_EMAIL", "admin@storefront.local")
			.containsEntry("AUTH_ADMIN_PASSWORD", "admin-secret")
			.containsEntry("PORT", "18001");
	}

	@Test
	void servicesListenWhereToldAndReachEachOtherThere() {
		Map<String, String> everyAddress = ServiceEnvironment.of(KnownServices.CART, Map.of(), Map.of(), PORTS,
				ListenAddress.parse("--listen", "0.0.0.0"), ADMIN);
		Map<String, String> ipv6 = ServiceEnvironment.of(KnownServices.CART, Map.of(), Map.of(), PORTS,
				ListenAddress.parse("--listen", "::1"), ADMIN);

		assertThat(everyAddress).containsEntry("SERVER_ADDRESS", "0.0.0.0")
			.containsEntry("PRODUCT_SERVICE_URL", "http://127.0.0.1:18002");
		assertThat(ipv6).containsEntry("SERVER_ADDRESS", "::1")
			.containsEntry("PRODUCT_SERVICE_URL", "http://[::1]:18002");
	}

	@Test
	void theServiceIsReachedAtItsListenAddress() {
		ServiceSpec spec = new ServiceSpec(KnownServices.AUTH, java.nio.file.Path.of("/x/auth-service.jar"),
				java.util.List.of(), 18001,
				ServiceEnvironment.of(KnownServices.AUTH, Map.of(), Map.of(), PORTS, ListenAddress.LOOPBACK, ADMIN),
				java.nio.file.Path.of("/x/auth.log"));

		assertThat(spec.baseUrl()).isEqualTo("http://127.0.0.1:18001");
	}

}
