package io.storefront.db.config;

import java.util.List;
import java.util.Optional;

/**
 * The services of contract section 1 and the databases they own; no service may use
 * another's.
 */
public final class KnownServices {

	public static final ServiceIdentity AUTH = new ServiceIdentity("auth-service", 8001, "auth_db", "auth_svc");

	/**
	 * {@code pg_trgm}: its trigram index serves the substring search of
	 * {@code GET /products?q=}.
	 */
	public static final ServiceIdentity PRODUCT = new ServiceIdentity("product-service", 8002, "product_db",
			"product_svc", List.of("pg_trgm"));

	public static final ServiceIdentity CART = new ServiceIdentity("cart-service", 8003, "cart_db", "cart_svc");

	public static final List<ServiceIdentity> ALL = List.of(AUTH, PRODUCT, CART);

	private KnownServices() {
	}

	public static Optional<ServiceIdentity> byName(String name) {
		return ALL.stream().filter((service) -> service.name().equals(name)).findFirst();
	}

	public static Optional<ServiceIdentity> ownerOfDatabase(String databaseName) {
		return ALL.stream().filter((service) -> service.databaseName().equals(databaseName)).findFirst();
	}

}
