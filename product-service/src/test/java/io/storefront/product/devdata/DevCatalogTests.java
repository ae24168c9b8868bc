package io.storefront.product.devdata;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.product.ProductServiceApplication;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Dev data on its own PostgreSQL (the shared one holds other tests' products): the
 * service is started and stopped as a whole, as {@code ./storefront up} would, with and
 * without STOREFRONT_DEV_DATA.
 */
class DevCatalogTests {

	private static TestPostgres postgres;

	private static TestTokens tokens;

	private static final ObjectMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	@BeforeAll
	static void startDatabase() {
		postgres = TestPostgres.dedicated();
		tokens = TestTokens.start();
		try (ConfigurableApplicationContext context = start("false")) {
			// Started once so that the migrations create the table.
		}
	}

	@AfterAll
	static void stopDatabase() {
		tokens.close();
		postgres.stop();
	}

	@BeforeEach
	void emptyCatalog() throws SQLException {
		execute("TRUNCATE products RESTART IDENTITY");
	}

	@Test
	void withoutTheVariableNothingIsSeeded() throws Exception {
		try (ConfigurableApplicationContext context = start(null)) {
			assertThat(get(context, "/products").get("total").asLong()).isZero();
		}
		try (ConfigurableApplicationContext context = start("false")) {
			assertThat(get(context, "/products").get("total").asLong()).isZero();
		}
		assertThat(skusAndIds()).isEmpty();
	}

	@Test
	void anEmptyCatalogIsSeededWithARealisticCatalog() throws Exception {
		try (ConfigurableApplicationContext context = start("true")) {
			JsonNode page = get(context, "/products?limit=100");

			long total = page.get("total").asLong();
			assertThat(total).isBetween(20L, 30L);
			assertThat(page.get("items").size()).isEqualTo((int) total);
			Set<String> categories = new HashSet<>();
			for (JsonNode item : page.get("items")) {
				categories.add(item.get("category").asString());
				assertThat(item.get("name").asString()).isNotBlank();
				assertThat(item.get("description").asString()).hasSizeGreaterThan(20);
				assertThat(item.get("price").decimalValue().scale()).isEqualTo(2);
				assertThat(item.get("price").decimalValue()).isPositive();
				assertThat(item.get("stock").asInt()).isNotNegative();
				assertThat(item.get("currency").asString()).isEqualTo("USD");
			}
			assertThat(categories).hasSizeBetween(4, 5);
			long id = page.get("items").get(0).get("id").asLong();
			assertThat(get(context, "/products/" + id).get("id").asLong()).isEqualTo(id);
			assertThat(get(context, "/products?q=keyboard").get("total").asLong()).isPositive();
		}
	}

	@Test
	void restartsChangeNothingAndDeletedProductsStayDeleted() throws Exception {
		try (ConfigurableApplicationContext context = start("true")) {
			assertThat(get(context, "/products").get("total").asLong()).isPositive();
		}
		Map<String, Long> seeded = skusAndIds();

		try (ConfigurableApplicationContext context = start("true")) {
			assertThat(skusAndIds()).isEqualTo(seeded);
		}
		String removed = seeded.keySet().iterator().next();
		execute("DELETE FROM products WHERE sku = '" + removed + "'");
		try (ConfigurableApplicationContext context = start("yes")) {
			assertThat(skusAndIds()).hasSize(seeded.size() - 1).doesNotContainKey(removed);
		}
	}

	@Test
	void replicasStartingTogetherSeedTheCatalogOnce() throws Exception {
		List<String> catalogSkus = new ArrayList<>();
		try (InputStream in = new ClassPathResource(DevCatalog.RESOURCE).getInputStream()) {
			json.readTree(in).forEach((product) -> catalogSkus.add(product.get("sku").asString()));
		}
		// Platform threads of their own: the common pool may have a single worker, which
		// would start the replicas one after another.
		ExecutorService threads = Executors.newFixedThreadPool(3);
		List<Future<ConfigurableApplicationContext>> replicas = new ArrayList<>();
		try {
			try (Connection holder = postgres.adminConnection("product_db")) {
				try (Statement statement = holder.createStatement()) {
					statement.execute("SELECT pg_advisory_lock(" + DevCatalog.LOCK_KEY + ")");
				}
				// Each starts once the one before waits at the seeding: Spring Boot's
				// logging system is the JVM's, and two applications initialising it at
				// once in one JVM can fail ("Unable to find Spring Environment in logger
				// context"), which replicas, each in a process of its own, never meet.
				for (int i = 0; i < 3; i++) {
					replicas.add(threads.submit(() -> start("true")));
					long waiting = i + 1;
					await().atMost(Duration.ofSeconds(120))
						.pollInterval(Duration.ofMillis(100))
						.until(() -> seedersWaiting(replicas), (seeders) -> seeders == waiting);
				}
				// All three have reached the seeding, and wait there together.
			}
			for (Future<ConfigurableApplicationContext> replica : replicas) {
				replica.get(60, TimeUnit.SECONDS);
			}
			// One replica inserted the whole catalog, in the file's order, into the empty
			// table (ids from 1); the others found it filled and tried no insert, which
			// would have spent ids on conflicts.
			Map<String, Long> expected = new TreeMap<>();
			for (int i = 0; i < catalogSkus.size(); i++) {
				expected.put(catalogSkus.get(i), i + 1L);
			}
			assertThat(skusAndIds()).isEqualTo(expected);
			assertThat(idsSpent()).isEqualTo(catalogSkus.size());
		}
		finally {
			for (Future<ConfigurableApplicationContext> replica : replicas) {
				closeIfStarted(replica);
			}
			threads.shutdownNow();
		}
	}

	@Test
	void aValueThatIsNotAFlagStopsStartUp() {
		assertThatThrownBy(() -> start("maybe").close()).satisfies((failure) -> {
			InvalidSettingException invalid = CauseChain.find(failure, InvalidSettingException.class).orElse(null);
			assertThat(invalid).isNotNull();
			assertThat(invalid.variable()).isEqualTo("STOREFRONT_DEV_DATA");
			assertThat(invalid.getMessage()).contains("maybe");
		});
	}

	private static ConfigurableApplicationContext start(String devData) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--DATABASE_URL=" + postgres.databaseUrl(KnownServices.PRODUCT),
						"--AUTH_JWKS_URL=" + tokens.jwksUrl(), "--DATABASE_POOL_SIZE=2"));
		if (devData != null) {
			args.add("--STOREFRONT_DEV_DATA=" + devData);
		}
		return new SpringApplicationBuilder(ProductServiceApplication.class).run(args.toArray(String[]::new));
	}

	private static void closeIfStarted(Future<ConfigurableApplicationContext> replica) {
		try {
			replica.get(60, TimeUnit.SECONDS).close();
		}
		catch (Exception ex) {
			// It did not start: the test has failed already; there is nothing to close.
		}
	}

	private static JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json.readTree(response.body());
		}
	}

	private static Map<String, Long> skusAndIds() throws SQLException {
		Map<String, Long> rows = new TreeMap<>();
		try (Connection connection = postgres.adminConnection("product_db");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT sku, id FROM products")) {
			while (result.next()) {
				rows.put(result.getString(1), result.getLong(2));
			}
		}
		return rows;
	}

	private static void execute(String sql) throws SQLException {
		postgres.runAsAdmin("product_db", sql);
	}

	private static long idsSpent() throws SQLException {
		return postgres.queryAsAdmin("product_db",
				"SELECT pg_sequence_last_value(pg_get_serial_sequence('products', 'id')::regclass)");
	}

	/**
	 * Sessions waiting for the seeding's advisory lock (a bigint key is classid:objid).
	 * While the test holds it, no replica may finish starting: one that did either failed
	 * (its cause fails the test) or never waited for the lock.
	 */
	private static long seedersWaiting(List<Future<ConfigurableApplicationContext>> replicas) throws Exception {
		for (Future<ConfigurableApplicationContext> replica : replicas) {
			if (replica.isDone()) {
				replica.get();
				fail("a replica started while the seeding lock was held: it did not wait for it");
			}
		}
		return postgres.queryAsAdmin("product_db", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
				+ "AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = " + DevCatalog.LOCK_KEY);
	}

}
