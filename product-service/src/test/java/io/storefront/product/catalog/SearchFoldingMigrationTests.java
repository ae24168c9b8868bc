package io.storefront.product.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog written before V4, in a database with the C locale (the embedded server's),
 * where {@code lower()} lowered A to Z only: V4, run by the service's own role, folds
 * what was stored with Unicode's case mapping, keeps the trigram index, and searches find
 * it.
 */
class SearchFoldingMigrationTests {

	private static final String INDEXES = "SELECT indexdef FROM pg_indexes WHERE tablename = 'products' ORDER BY indexname";

	private static TestPostgres postgres;

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	@BeforeAll
	static void catalogWrittenBeforeV4() throws SQLException {
		postgres = TestPostgres.dedicated();
		postgres.runAsAdmin("postgres", "CREATE DATABASE " + KnownServices.PRODUCT.databaseName()
				+ " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
		dataSource = postgres.serviceDataSource(KnownServices.PRODUCT);
		Flyway.configure().dataSource(dataSource).target("3").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		jdbc.sql("""
				INSERT INTO products (sku, name, description, price, currency, stock, category)
				VALUES ('BAG', E'\\u00c9COLE bag', E'Stra\\u1e9ee edition', 10, 'EUR', 1, 'Bags'),
				       ('MUG', 'Plain MUG', '', 10, 'EUR', 1, 'Kitchen')
				""").update();
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void foldsWhatWasStoredAndKeepsTheIndexes() {
		assertThat(jdbc.sql("SELECT datcollate FROM pg_database WHERE datname = current_database()")
			.query(String.class)
			.single()).isEqualTo("C");
		assertThat(storedSearchText("BAG")).isEqualTo("\u00c9cole bag\u001fstra\u1e9ee edition");
		List<String> indexesBefore = jdbc.sql(INDEXES).query(String.class).list();
		assertThat(indexesBefore).anyMatch((index) -> index.contains("products_search_text_trgm_idx"));

		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(storedSearchText("BAG")).isEqualTo("\u00e9cole bag\u001fstra\u00dfe edition");
		assertThat(storedSearchText("MUG")).isEqualTo("plain mug\u001f");
		assertThat(jdbc.sql(INDEXES).query(String.class).list()).isEqualTo(indexesBefore);
		ProductRepository products = new ProductRepository(jdbc);
		assertThat(products.search(new ProductQuery(List.of("\u00c9cole", "STRA\u00dfE"), Optional.empty(), 20, 0))
			.total()).isOne();
		assertThat(products.search(new ProductQuery(List.of("ecole"), Optional.empty(), 20, 0)).total()).isZero();
	}

	private static String storedSearchText(String sku) {
		return jdbc.sql("SELECT search_text FROM products WHERE sku = :sku")
			.param("sku", sku)
			.query(String.class)
			.single();
	}

}
