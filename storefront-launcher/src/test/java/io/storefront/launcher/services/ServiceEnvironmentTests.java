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
				"DATABASE_PASSWORD", "stale", "PORT", "9999", "DATABASE_POOL_SIZE", "4");

		Map<String, String> environment = ServiceEnvironment.of(KnownServices.CART, inherited,
				Map.of("DATABASE_URL", "postgresql://cart_svc:pw@localhost:54329/cart_db", "PORT", "1"), PORTS, ADMIN);

		assertThat(environment).containsEntry("PATH", "/usr/bin")
			.containsEntry("DATABASE_POOL_SIZE", "4")
			.containsEntry("DATABASE_URL", "postgresql://cart_svc:pw@localhost:54329/cart_db")
			.containsEntry("PORT", "18003")
			.containsEntry("AUTH_JWKS_URL", "http://localhost:18001/.well-known/jwks.json")
			.containsEntry("PRODUCT_SERVICE_URL", "http://localhost:18002")
			.containsEntry("STOREFRONT_DEV_DATA", "true")
			.doesNotContainKeys("DATABASE_PASSWORD", "AUTH_ADMIN_PASSWORD", "AUTH_ADMIN_EMAIL");
	}

	@Test
	void onlyAuthGetsTheAdminLogin() {
		Map<String, String> environment = ServiceEnvironment.of(KnownServices.AUTH, Map.of(), Map.of(), PORTS, ADMIN);

		assertThat(environment).containsEntry("AUTH_ADMIN_EMAIL", "admin@storefront.local")
			.containsEntry("AUTH_ADMIN_PASSWORD", "admin-secret")
			.containsEntry("PORT", "18001");
	}

}
