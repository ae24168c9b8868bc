package io.storefront.console.view;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.storefront.console.view.StatusPage.Database;
import io.storefront.console.view.StatusPage.Dependency;
import io.storefront.console.view.StatusPage.Row;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrows between the services and to their databases, from the rows the page shows.
 */
class DependenciesTests {

	@Test
	void anOpenBreakerMakesCartsArrowToProductRedEvenWhileProductAnswers() {
		List<Dependency> arrows = Dependencies.of(List.of(row("product-service", "healthy", "connected", null),
				row("cart-service", "healthy", "connected", "open")));

		assertThat(arrows).contains(new Dependency("cart-service", "product-service", "product lookups", "unhealthy",
				"circuit breaker open"));
	}

	@Test
	void aServiceWithOneReplicaUpIsUpForThoseThatDependOnIt() {
		List<Dependency> arrows = Dependencies.of(List.of(row("auth-service", "down", null, null),
				row("auth-service", "healthy", "connected", null), row("product-service", "pending", null, null)));

		assertThat(arrows).containsExactly(
				new Dependency("product-service", "auth-service", "JWKS (token keys)", "healthy", null),
				new Dependency("auth-service", "auth_db", "database", "healthy", null),
				new Dependency("product-service", "its database", "database", "pending", null));
	}

	/**
	 * A reviewer's outage: auth's database frozen, auth answering 503, its JWKS still
	 * 200. The arrows said JWKS was unhealthy.
	 */
	@Test
	void authsKeysAreThereWhileAuthAnswersWithoutItsDatabase() {
		List<Dependency> arrows = Dependencies.of(List.of(row("auth-service", "unhealthy", "disconnected", null),
				row("cart-service", "healthy", "connected", "closed")));

		assertThat(arrows).contains(new Dependency("cart-service", "auth-service", "JWKS (token keys)", "healthy",
				"auth-service answers; its keys need no database"));
	}

	@Test
	void authsKeysAreGoneWhileAuthIsSilent() {
		List<Dependency> arrows = Dependencies.of(List.of(row("auth-service", "down", null, null),
				row("cart-service", "healthy", "connected", "closed")));

		assertThat(arrows).contains(new Dependency("cart-service", "auth-service", "JWKS (token keys)", "down", null));
	}

	@Test
	void whatOnlyASilentServiceCouldTellIsUnknownNotItsLastReport() {
		List<Dependency> arrows = Dependencies.of(List.of(row("product-service", "healthy", "connected", null),
				row("cart-service", "down", "connected", "closed")));

		assertThat(arrows).containsExactly(
				new Dependency("cart-service", "product-service", "product lookups", "healthy",
						"circuit breaker state unknown"),
				new Dependency("product-service", "product_db", "database", "healthy", null),
				new Dependency("cart-service", "cart_db", "database", "pending",
						"unknown: no recent answer from cart-service"));
	}

	/**
	 * The reviewer's replicas: A, unhealthy with its breaker open, was stopped; B stayed
	 * healthy. The arrows showed A's last report long after A was down.
	 */
	@Test
	void aReplicaThatIsDownOrWorseThanAnotherSaysNothingAboutTheService() {
		Row lostReplica = new Row(0, "cart-service", "127.0.0.1:1", "down", null, null, 55.0, 11, null, null, null,
				new Database("cart_db", "disconnected", "Connection refused (replica A)", null, null, null, null, null),
				"open", null, null, null, null, null, null, null, null);
		Row liveReplica = row("cart-service", "healthy", "connected", "closed");
		Row product = row("product-service", "healthy", "connected", null);

		for (String aHealth : List.of("down", "stale", "unhealthy")) {
			Row replicaA = withHealth(lostReplica, aHealth);
			assertThat(Dependencies.of(List.of(replicaA, liveReplica, product))).as(aHealth)
				.containsExactly(
						new Dependency("cart-service", "product-service", "product lookups", "healthy",
								"circuit breaker closed"),
						new Dependency("cart-service", "cart_db", "database", "healthy", null),
						new Dependency("product-service", "product_db", "database", "healthy", null));
		}
	}

	@Test
	void aLostDatabaseIsRedWithTheServicesReason() {
		Row cart = new Row(0, "cart-service", "127.0.0.1:8003", "unhealthy", "database unreachable", null, null, 0,
				null, null, null,
				new Database("cart_db", "disconnected", "timed out after 2 s", null, null, null, null, null), null,
				null, null, null, null, null, null, null, null);

		assertThat(Dependencies.of(List.of(cart)))
			.containsExactly(new Dependency("cart-service", "cart_db", "database", "unhealthy", "timed out after 2 s"));
	}

	/**
	 * A replica just added has said nothing yet; the one that answers says the database
	 * is lost, and that is what the service's arrow shows, not "unknown".
	 */
	@Test
	void aReplicaThatAnswersOutranksOneThatHasNotAnsweredYet() {
		List<Dependency> arrows = Dependencies.of(List.of(row("cart-service", "pending", null, null),
				row("cart-service", "unhealthy", "disconnected", "closed"),
				row("product-service", "healthy", "connected", null)));

		assertThat(arrows).contains(new Dependency("cart-service", "cart_db", "database", "unhealthy", null),
				new Dependency("cart-service", "product-service", "product lookups", "healthy",
						"circuit breaker closed"));
	}

	private static Row withHealth(Row row, String health) {
		return new Row(row.index(), row.name(), row.address(), health, row.reason(), row.url(),
				row.lastSeenSecondsAgo(), row.failedPolls(), row.latencyMillis(), row.slow(), row.version(),
				row.database(), row.breaker(), row.pool(), row.detailsProblem(), row.strip(), row.uptimeHour(),
				row.uptimeHourSampledMinutes(), row.uptimeDay(), row.uptimeDaySampledMinutes(), row.processStartedAt());
	}

	private static Row row(String name, String health, String database, String breaker) {
		Database db = new Database((database != null) ? name.replace("-service", "_db") : null, database, null, null,
				null, null, null, null);
		return new Row(0, name, "127.0.0.1:1", health, null, null, null, 0, null, null, null, db, breaker, null, null,
				null, null, null, null, null, null);
	}

}
