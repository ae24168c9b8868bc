package io.storefront.product.catalog;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A catalog written before names and categories were stored stripped: V3, run by the
 * service's own least-privilege role, strips them as Java's {@code strip} does, gives
 * each changed row a new version (its ETag) and updated_at, and makes the table refuse
 * padded text from then on.
 */
class StrippedTextMigrationTests {

	private static TestPostgres postgres;

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	@BeforeAll
	static void catalogWrittenBeforeV3() {
		postgres = TestPostgres.dedicated();
		dataSource = postgres.serviceDataSource(KnownServices.PRODUCT);
		Flyway.configure().dataSource(dataSource).target("2").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		jdbc.sql("""
				INSERT INTO products (sku, name, price, currency, stock, category)
				VALUES ('PADDED', E' \\u3000Desk Lamp\\t', 10, 'EUR', 1, 'Home  '),
				       ('NO-BREAK', E'Desk Lamp\\u00a0', 10, 'EUR', 1, E'\\u2000Home'),
				       ('PLAIN', 'Desk Lamp', 10, 'EUR', 1, 'Home')
				""").update();
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void stripsWhatWasStoredPaddedAndRefusesPaddedTextAfterwards() {
		Flyway.configure().dataSource(dataSource).load().migrate();

		assertThat(jdbc.sql("""
				SELECT sku || '|' || name || '|' || category || '|' || version || '|' || (updated_at > created_at)
				FROM products ORDER BY sku""").query(String.class).list()).containsExactly(
				"NO-BREAK|Desk Lamp\u00a0|Home|2|true", "PADDED|Desk Lamp|Home|2|true", "PLAIN|Desk Lamp|Home|1|false");
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insert("Lamp ", "Home"))
			.withMessageContaining("products_name_stripped");
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insert("Lamp", "\tHome"))
			.withMessageContaining("products_category_stripped");
	}

	private static void insert(String name, String category) {
		jdbc.sql("INSERT INTO products (sku, name, price, currency, stock, category) "
				+ "VALUES ('NEW', :name, 1, 'EUR', 1, :category)")
			.param("name", name)
			.param("category", category)
			.update();
	}

}
