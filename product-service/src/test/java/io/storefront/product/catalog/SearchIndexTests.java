package io.storefront.product.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trigram index behind {@code ?q=} (provisioning installs pg_trgm in product_db,
 * migration V2 creates the index), and that PostgreSQL plans the search statements with
 * it: as a custom plan for the words given, and as the generic plan a server-side
 * prepared statement may switch to after five executions, which knows nothing of the
 * words (PostgreSQL 16+'s {@code EXPLAIN (GENERIC_PLAN)}).
 */
class SearchIndexTests extends ProductApiTestSupport {

	private static final String INDEX = "products_search_text_trgm_idx";

	@Autowired
	private javax.sql.DataSource dataSource;

	private String category;

	@AfterEach
	void removeGeneratedProducts() {
		if (this.category != null) {
			this.jdbc.sql("DELETE FROM products WHERE category = :category").param("category", this.category).update();
		}
	}

	@Test
	void migrationCreatedTheTrigramIndex() {
		assertThat(this.jdbc.sql("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
			.query(String.class)
			.optional()).contains("pg_trgm");
		assertThat(this.jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'products' AND indexname = :name")
			.param("name", INDEX)
			.query(String.class)
			.single()).contains("USING gin").contains("search_text").contains("gin_trgm_ops");
	}

	@Test
	void searchStatementsUseTheIndexForASelectiveWord() {
		generateProducts(10_000, 1000);
		String rare = "zephyrine";

		for (Optional<String> category : List.of(Optional.<String>empty(), Optional.of(this.category))) {
			for (List<String> words : List.of(List.of(rare), List.of(rare, "mug"), List.of(rare, "no"))) {
				ProductQuery query = new ProductQuery(words, category, 20, 0);
				assertThat(customPlan(query)).as("custom plan of " + query).contains(INDEX);
				assertThat(genericPlan(query)).as("generic plan of " + query).contains(INDEX);
			}
		}
	}

	@Test
	void aGenericPlanNeverUsesTheIndexForWordsWithoutTrigrams() {
		generateProducts(3000, 1000);

		for (List<String> words : List.of(List.of("no"), List.of("a", "50%"), List.of("x-y"))) {
			ProductQuery query = new ProductQuery(words, Optional.empty(), 20, 0);
			assertThat(genericPlan(query)).as("generic plan of " + query).doesNotContain(INDEX);
		}
	}

	@Test
	void shortAndLongWordsFindTheSameProductsAsBefore() {
		generateProducts(300, 50);

		// 1 in 50 products has "zephyrine" in its description; some of them are "No.
		// 1..." (100, 150).
		long zephyrine = count(List.of("zephyrine"));
		assertThat(zephyrine).isEqualTo(bruteForceCount(List.of("zephyrine")));
		assertThat(count(List.of("ZEPHYRINE", "no."))).isEqualTo(zephyrine);
		assertThat(count(List.of("zephyrine", "o. 1"))).isEqualTo(bruteForceCount(List.of("zephyrine", "o. 1")))
			.isPositive();
		assertThat(count(List.of("mu"))).isEqualTo(bruteForceCount(List.of("mu"))).isPositive();
		assertThat(count(List.of("lamp", "zz"))).isZero();
	}

	/**
	 * Adds {@code count} products in a category of their own, like the bench's generated
	 * catalog, one in {@code zephyrineEvery} with the word "zephyrine", then refreshes
	 * the planner's statistics.
	 */
	private void generateProducts(int count, int zephyrineEvery) {
		this.category = unique("trigram");
		this.jdbc.sql("""
				INSERT INTO products (sku, name, description, price, currency, stock, category)
				SELECT :category || '-' || g,
				       (ARRAY['Wireless', 'Steel', 'Cotton', 'Compact', 'Ergonomic', 'Vintage', 'Portable',
				              'Organic'])[1 + g % 8] || ' '
				           || (ARRAY['Keyboard', 'Mug', 'Lamp', 'Jacket', 'Bottle'])[1 + (g / 8) % 5] || ' No. ' || g,
				       'Generated item ' || g || ': a catalog entry for the search index tests'
				           || CASE WHEN g % :every = 0 THEN ', a zephyrine one.' ELSE '.' END,
				       10.00, 'USD', 5, :category
				FROM generate_series(1, :count) AS g
				""").param("category", this.category).param("count", count).param("every", zephyrineEvery).update();
		this.jdbc.sql("ANALYZE products").update();
	}

	private long count(List<String> words) {
		return this.jdbc.sql(ProductSearchSql.of(new ProductQuery(words, Optional.of(this.category), 1, 0)))
			.params(parameters(new ProductQuery(words, Optional.of(this.category), 1, 0)))
			.query((row, n) -> row.getLong("total"))
			.list()
			.get(0);
	}

	private long bruteForceCount(List<String> words) {
		return this.jdbc.sql("SELECT name, description FROM products WHERE category = :category")
			.param("category", this.category)
			.query((row, n) -> (row.getString(1) + "\u001f" + row.getString(2)).toLowerCase())
			.list()
			.stream()
			.filter((text) -> words.stream().allMatch((word) -> text.contains(word.toLowerCase())))
			.count();
	}

	/**
	 * The plan for the statement with the words as values, as PostgreSQL plans a custom
	 * plan.
	 */
	private String customPlan(ProductQuery query) {
		return this.jdbc.sql("EXPLAIN (FORMAT JSON) " + ProductSearchSql.of(query))
			.params(parameters(query))
			.query(String.class)
			.single();
	}

	/**
	 * The plan PostgreSQL would cache for the statement whatever its parameters, as it
	 * may for a server-side prepared statement after five executions: the statement is
	 * {@code PREPARE}d with PgJDBC's parameter types and explained with
	 * {@code plan_cache_mode = force_generic_plan}, set for this transaction only (the
	 * connection goes back to the pool).
	 */
	private String genericPlan(ProductQuery query) {
		Matcher names = Pattern.compile("(?<!:):(\\w+)").matcher(ProductSearchSql.of(query));
		java.util.Map<String, Object> parameters = parameters(query);
		StringBuilder numbered = new StringBuilder();
		List<String> types = new java.util.ArrayList<>();
		List<String> values = new java.util.ArrayList<>();
		while (names.find()) {
			Object value = parameters.get(names.group(1));
			types.add((value instanceof Integer) ? "int4" : "varchar");
			values.add((value instanceof Integer) ? value.toString() : "'" + value.toString().replace("'", "''") + "'");
			names.appendReplacement(numbered, Matcher.quoteReplacement("$" + types.size()));
		}
		names.appendTail(numbered);
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
				statement.execute("PREPARE generic_search (" + String.join(", ", types) + ") AS " + numbered);
				StringBuilder plan = new StringBuilder();
				try (ResultSet rows = statement
					.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE generic_search (" + String.join(", ", values) + ")")) {
					while (rows.next()) {
						plan.append(rows.getString(1));
					}
				}
				assertThat(plan).as("a generic plan shows its parameters").contains("$1");
				return plan.toString();
			}
			finally {
				connection.rollback();
				statement.execute("DEALLOCATE ALL");
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.util.Map<String, Object> parameters(ProductQuery query) {
		java.util.Map<String, Object> parameters = new java.util.HashMap<>();
		parameters.put("limit", query.limit());
		parameters.put("offset", query.offset());
		query.category().ifPresent((category) -> parameters.put("category", category));
		for (int i = 0; i < query.words().size(); i++) {
			parameters.put("word" + i, ProductSearchSql.parameter(query.words().get(i)));
		}
		return parameters;
	}

}
