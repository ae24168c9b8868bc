package io.storefront.console.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.storefront.console.poll.Health;
import io.storefront.console.view.StatusPage.Dependency;
import io.storefront.console.view.StatusPage.Row;

/**
 * The arrows between the services, as they are wired (contract sections 1 and 5): cart
 * asks product for every item it adds, behind a circuit breaker; product and cart check
 * tokens against auth's JWKS; each service owns one database. An arrow is shown when both
 * of its ends are watched; the health of a service with several replicas is its best
 * replica's, since any one of them can answer. What only the depending service can tell
 * (its breaker, its database) is unknown while it gives no answer: its last report would
 * be shown as if it were current.
 */
final class Dependencies {

	static final String AUTH = "auth-service";

	static final String PRODUCT = "product-service";

	static final String CART = "cart-service";

	private Dependencies() {
	}

	static List<Dependency> of(List<Row> rows) {
		Map<String, Health> best = new LinkedHashMap<>();
		Map<String, Row> answering = new LinkedHashMap<>();
		for (Row row : rows) {
			Health health = Health.fromJson(row.health());
			best.merge(row.name(), health, Dependencies::better);
			if (row.database() != null) {
				answering.merge(row.name(), row, (a, b) -> (a.database().status() != null) ? a : b);
			}
		}
		List<Dependency> arrows = new ArrayList<>();
		if (best.containsKey(CART) && best.containsKey(PRODUCT)) {
			String breaker = rows.stream()
				.filter((row) -> row.name().equals(CART) && row.breaker() != null && answers(best.get(CART)))
				.map(Row::breaker)
				.findFirst()
				.orElse(null);
			Health product = best.get(PRODUCT);
			if (breaker != null && breaker.contains("open") && !breaker.contains("half")) {
				product = product.worse(Health.UNHEALTHY);
			}
			arrows.add(new Dependency(CART, PRODUCT, "product lookups", product.json(),
					(breaker != null) ? "circuit breaker " + breaker : "circuit breaker state unknown"));
		}
		for (String client : List.of(PRODUCT, CART)) {
			if (best.containsKey(client) && best.containsKey(AUTH)) {
				arrows.add(new Dependency(client, AUTH, "JWKS (token keys)", best.get(AUTH).json(), null));
			}
		}
		for (Map.Entry<String, Health> service : best.entrySet()) {
			Row row = answering.get(service.getKey());
			String database = (row != null && row.database().name() != null) ? row.database().name() : "its database";
			if (!answers(service.getValue()) && service.getValue() != Health.PENDING) {
				arrows.add(new Dependency(service.getKey(), database, "database", Health.PENDING.json(),
						"unknown: no recent answer from " + service.getKey()));
				continue;
			}
			Health health = databaseHealth(row);
			String note = (row != null && row.database().error() != null) ? row.database().error() : null;
			arrows.add(new Dependency(service.getKey(), database, "database", health.json(), note));
		}
		return arrows;
	}

	/** Whether the service's health comes from an answer, not from its silence. */
	private static boolean answers(Health health) {
		return health == Health.HEALTHY || health == Health.DEGRADED || health == Health.UNHEALTHY;
	}

	/**
	 * What the service last said about its database; pending (unknown) until it has said
	 * anything.
	 */
	private static Health databaseHealth(Row row) {
		if (row == null || row.database().status() == null) {
			return Health.PENDING;
		}
		return "connected".equals(row.database().status()) ? Health.HEALTHY : Health.UNHEALTHY;
	}

	/** Up beats not up; otherwise the less severe. */
	private static Health better(Health a, Health b) {
		if (a.isUp() != b.isUp()) {
			return a.isUp() ? a : b;
		}
		return (a.worse(b) == a) ? b : a;
	}

}
