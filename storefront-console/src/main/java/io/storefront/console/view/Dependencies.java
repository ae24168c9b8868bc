package io.storefront.console.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.storefront.console.poll.Health;
import io.storefront.console.view.StatusPage.Dependency;
import io.storefront.console.view.StatusPage.Row;

/**
 * The arrows between the services, as they are wired (contract sections 1 and 5): cart
 * asks product for every item it adds, behind a circuit breaker; product and cart check
 * tokens against auth's JWKS, which auth serves while it answers at all; each service
 * owns one database. An arrow is shown when both of its ends are watched; the health of a
 * service with several replicas is its best replica's, since any one of them can answer.
 * What only the depending service can tell (its breaker, its database) is unknown while
 * it gives no answer: its last report would be shown as if it were current.
 */
final class Dependencies {

	static final String AUTH = "auth-service";

	static final String PRODUCT = "product-service";

	static final String CART = "cart-service";

	private Dependencies() {
	}

	static List<Dependency> of(List<Row> rows) {
		Map<String, Health> best = new LinkedHashMap<>();
		for (Row row : rows) {
			best.merge(row.name(), Health.fromJson(row.health()), Dependencies::better);
		}
		List<Dependency> arrows = new ArrayList<>();
		if (best.containsKey(CART) && best.containsKey(PRODUCT)) {
			String breaker = speaking(rows, CART, best.get(CART)).map(Row::breaker)
				.filter(Objects::nonNull)
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
				arrows.add(jwks(client, best.get(AUTH)));
			}
		}
		for (Map.Entry<String, Health> service : best.entrySet()) {
			Row row = speaking(rows, service.getKey(), service.getValue())
				.filter((candidate) -> candidate.database() != null && candidate.database().status() != null)
				.findFirst()
				.orElse(null);
			String database = databaseName(rows, service.getKey());
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

	/**
	 * Auth serves its keys from memory, so they are there whenever auth answers at all,
	 * with its database lost too: the arrow is auth's own health only while auth is
	 * silent.
	 */
	private static Dependency jwks(String client, Health auth) {
		if (!answers(auth)) {
			return new Dependency(client, AUTH, "JWKS (token keys)", auth.json(), null);
		}
		String note = (auth == Health.HEALTHY) ? null : "auth-service answers; its keys need no database";
		return new Dependency(client, AUTH, "JWKS (token keys)", Health.HEALTHY.json(), note);
	}

	/**
	 * The replicas of {@code service} whose report stands for it now: those as good as
	 * its best, answering ones first. A replica that is stale, down or worse than another
	 * says nothing about what the service does now; none does while the best is silent.
	 */
	private static Stream<Row> speaking(List<Row> rows, String service, Health best) {
		if (!answers(best)) {
			return Stream.empty();
		}
		return rows.stream()
			.filter((row) -> row.name().equals(service) && Health.fromJson(row.health()) == best)
			.sorted(Comparator.comparing(Dependencies::failing));
	}

	/** Whether the polls since the row's last answer have all failed. */
	private static boolean failing(Row row) {
		return row.failedPolls() != null && row.failedPolls() > 0;
	}

	/** The name any replica gave its database: a name does not go out of date. */
	private static String databaseName(List<Row> rows, String service) {
		return rows.stream()
			.filter((row) -> row.name().equals(service) && row.database() != null && row.database().name() != null)
			.map((row) -> row.database().name())
			.findFirst()
			.orElse("its database");
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

	/**
	 * Up beats not up, an answer beats none (a replica not heard from yet says nothing of
	 * the service); otherwise the less severe.
	 */
	private static Health better(Health a, Health b) {
		if (a.isUp() != b.isUp()) {
			return a.isUp() ? a : b;
		}
		if (answers(a) != answers(b)) {
			return answers(a) ? a : b;
		}
		return (a.worse(b) == a) ? b : a;
	}

}
