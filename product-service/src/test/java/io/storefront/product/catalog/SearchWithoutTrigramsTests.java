package io.storefront.product.catalog;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external PostgreSQL where nobody installed pg_trgm and the service's role may not:
 * the migrations still succeed (V2 leaves a NOTICE and no index) and search gives the
 * same results, by scanning.
 */
class SearchWithoutTrigramsTests {

	private static TestPostgres postgres;

	private static JdbcClient jdbc;

	private static MigrateResult migration;

	@BeforeAll
	static void migrateWithoutTheExtension() throws Exception {
		postgres = TestPostgres.dedicated();
		DataSource dataSource = postgres.serviceDataSource(KnownServices.PRODUCT);
		try (Connection admin = postgres.adminConnection("product_db"); Statement statement = admin.createStatement()) {
			statement.execute("DROP EXTENSION pg_trgm");
		}
		migration = Flyway.configure().dataSource(dataSource).load().migrate();
		jdbc = JdbcClient.create(dataSource);
		jdbc.sql("""
				INSERT INTO products (sku, name, description, price, currency, stock, category)
				VALUES ('A-1', 'Wireless Keyboard', 'Quiet keys.', 49.90, 'USD', 5, 'Electronics'),
				       ('A-2', 'Steel Bottle', 'Keeps drinks cold; no leaks.', 19.90, 'USD', 5, 'Kitchen'),
				       ('A-3', 'Wireless Mouse', 'A 50% lighter mouse.', 29.90, 'USD', 5, 'Electronics')
				""").update();
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void migrationsSucceedWithoutTheExtensionOrTheIndex() {
		assertThat(migration.success).isTrue();
		assertThat(migration.targetSchemaVersion).isEqualTo("4");
		assertThat(jdbc.sql("SELECT has_database_privilege(current_user, current_database(), 'CREATE')")
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE indexname = 'products_search_text_trgm_idx'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void searchStillFindsWhatItFoundBefore() {
		ProductRepository products = new ProductRepository(jdbc);

		assertThat(names(products.search(query(List.of("wireless"), null, 0)))).containsExactly("Wireless Keyboard",
				"Wireless Mouse");
		assertThat(names(products.search(query(List.of("WIRELESS", "keys"), null, 0))))
			.containsExactly("Wireless Keyboard");
		assertThat(names(products.search(query(List.of("no"), null, 0)))).containsExactly("Steel Bottle");
		assertThat(names(products.search(query(List.of("50%"), "Electronics", 0)))).containsExactly("Wireless Mouse");
		assertThat(names(products.search(query(List.of("bottle"), "Electronics", 0)))).isEmpty();

		ProductPage pastTheEnd = products.search(query(List.of("wireless"), "Electronics", 5));
		assertThat(pastTheEnd.items()).isEmpty();
		assertThat(pastTheEnd.total()).isEqualTo(2);
	}

	private static ProductQuery query(List<String> words, String category, int offset) {
		return new ProductQuery(words, Optional.ofNullable(category), 20, offset);
	}

	private static List<String> names(ProductPage page) {
		return page.items().stream().map(Product::name).toList();
	}

}
