package io.storefront.cart;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.cart.support.CartApiTestSupport.Response;
import io.storefront.cart.support.ConcurrentAdds;
import io.storefront.cart.support.ProductServiceStub;
import io.storefront.cart.support.SharedTokens;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cart-service unchanged behind a real PgBouncer in transaction mode with two server
 * sessions for {@code cart_db} ({@code DATABASE_POOLER=pgbouncer}), migrating over a
 * direct connection ({@code DATABASE_MIGRATION_URL}): the journey and concurrent adds
 * behave as they do without it.
 */
@SpringBootTest(classes = CartServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CartThroughPgBouncerTests {

	private static final int THREADS = 20;

	private static final TestTokens tokens = SharedTokens.tokens();

	private static final ProductServiceStub products = ProductServiceStub.shared();

	private static TestPgBouncer pgbouncer;

	@LocalServerPort
	private int port;

	@Autowired
	private Flyway flyway;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * As {@link CartApiTestSupport}'s, but through PgBouncer: a subclass could not
	 * replace its DATABASE_URL.
	 */
	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> pgbouncer().databaseUrl(KnownServices.CART));
		registry.add("DATABASE_POOLER", () -> "pgbouncer");
		registry.add("DATABASE_MIGRATION_URL", () -> TestPostgres.shared().databaseUrl(KnownServices.CART));
		registry.add("AUTH_JWKS_URL", tokens::jwksUrl);
		registry.add("PRODUCT_SERVICE_URL", products::url);
	}

	@BeforeEach
	void healthyProductService() {
		products.reset();
	}

	private static synchronized TestPgBouncer pgbouncer() {
		if (pgbouncer == null) {
			pgbouncer = TestPgBouncer.inFrontOf(TestPostgres.shared(), 2, KnownServices.CART);
			Runtime.getRuntime().addShutdownHook(new Thread(pgbouncer::close, "test-pgbouncer-cleanup"));
		}
		return pgbouncer;
	}

	@Test
	void theServiceTalksToItsDatabaseThroughPgBouncerAndMigratesDirectly() {
		Response ready = get("/health/ready", null);
		assertThat(ready.status()).as(ready.body()).isEqualTo(200);
		assertThat(pgbouncer.console("SHOW CLIENTS")).as("the service's connections are PgBouncer's clients")
			.anySatisfy((client) -> assertThat(client).containsEntry("database", "cart_db")
				.containsEntry("user", "cart_svc"));

		DataSource migrations = this.flyway.getConfiguration().getDataSource();
		assertThat(migrations).isInstanceOf(SimpleDriverDataSource.class);
		assertThat(((SimpleDriverDataSource) migrations).getUrl())
			.isEqualTo("jdbc:postgresql://localhost:" + TestPostgres.shared().port() + "/cart_db");
	}

	@Test
	void theCartJourneyWorksAgainAndAgainOverSharedServerSessions() {
		products.product(401, "Pooled mug", "8.00", "USD", 1_000);
		for (int round = 0; round < 8; round++) {
			String token = tokens.user(newUser());
			Response added = add(token, 401, 2);
			assertThat(added.status()).as("round %d: %s", round, added.body()).isEqualTo(201);
			Response summed = add(token, 401, 3);
			assertThat(summed.status()).as("round %d: %s", round, summed.body()).isEqualTo(200);

			Response view = get("/cart", token);
			assertThat(view.status()).as("round %d: %s", round, view.body()).isEqualTo(200);
			assertThat(view.json().get("items").get(0).get("quantity").asInt()).isEqualTo(5);

			Response patched = patch("/cart/items/401", token, "{\"quantity\":7}");
			assertThat(patched.status()).as("round %d: %s", round, patched.body()).isEqualTo(200);
			assertThat(patched.json().get("total").decimalValue()).isEqualByComparingTo("56.00");

			Response emptied = delete("/cart", token);
			assertThat(emptied.status()).as("round %d: %s", round, emptied.body()).isEqualTo(204);
		}
	}

	@Test
	void twentyConcurrentAddsThroughPgBouncerGiveTheExactSum() throws Exception {
		String user = newUser();
		String token = tokens.user(user);
		products.product(402, "Popular pooled product", "1.00", "USD", 10_000);

		List<Integer> statuses = addAllAtOnce(token, 402);

		assertThat(statuses).as("one add makes the line, the others sum into it")
			.containsOnly(200, 201)
			.filteredOn((status) -> status == 201)
			.hasSize(1);
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt())
			.isEqualTo(THREADS * (THREADS + 1) / 2);
		assertThat(this.jdbc.sql("SELECT quantity FROM cart_items WHERE user_id = CAST(:user_id AS uuid)")
			.param("user_id", user)
			.query(Integer.class)
			.single()).as("what was stored, not only what the cart shows").isEqualTo(THREADS * (THREADS + 1) / 2);
	}

	@Test
	void theDetailedReportNamesThePooler() {
		Response detailed = get("/health/detailed", null);

		assertThat(detailed.status()).as(detailed.body()).isEqualTo(200);
		assertThat(detailed.json().get("overall_status").asString()).isEqualTo("healthy");
		assertThat(detailed.json().get("database_info").get("pooler").asString()).isEqualTo("pgbouncer");
	}

	private static String newUser() {
		return UUID.randomUUID().toString();
	}

	private Response get(String path, String token) {
		return send("GET", path, token, null);
	}

	private Response delete(String path, String token) {
		return send("DELETE", path, token, null);
	}

	private Response patch(String path, String token, String body) {
		return send("PATCH", path, token, body);
	}

	private Response add(String token, long productId, int quantity) {
		return send("POST", "/cart/items", token, "{\"product_id\":" + productId + ",\"quantity\":" + quantity + "}");
	}

	private Response send(String method, String path, String token, String body) {
		return CartApiTestSupport.send(this.port, method, path, (token != null) ? "Bearer " + token : null,
				(body != null) ? "application/json" : null, body);
	}

	private List<Integer> addAllAtOnce(String token, long productId) throws Exception {
		return ConcurrentAdds.allAtOnce(THREADS, (quantity) -> add(token, productId, quantity).status());
	}

}
