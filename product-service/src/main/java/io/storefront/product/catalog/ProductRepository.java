package io.storefront.product.catalog;

import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The {@code products} table. Every operation is one statement, so one round trip: the
 * page and its total come back together, a duplicate SKU is detected by
 * {@code ON CONFLICT} (race-free thanks to the unique constraint), and a conditional
 * write checks the version in its own {@code WHERE}, so no other write can come between
 * the check and the change.
 */
@Repository
public class ProductRepository {

	private static final String COLUMNS = """
			id, sku, name, description, price, currency, stock, category, created_at, updated_at, version""";

	private static final String FIND_BY_ID = """
			SELECT %s
			FROM products
			WHERE id = :id
			""".formatted(COLUMNS);

	private static final String INSERT = """
			INSERT INTO products (sku, name, description, price, currency, stock, category)
			VALUES (:sku, :name, :description, :price, :currency, :stock, :category)
			ON CONFLICT (sku) DO NOTHING
			RETURNING %s
			""".formatted(COLUMNS);

	/**
	 * {@code updated_at} is the clock when the row is written, not {@code now()}, the
	 * start of the transaction: a write that waited for another's lock would be stamped
	 * before it. Never earlier than the version it replaces, whatever the clock did.
	 */
	private static final String UPDATE = """
			UPDATE products
			SET sku = :sku, name = :name, description = :description, price = :price, currency = :currency,
			    stock = :stock, category = :category, version = version + 1,
			    updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
			WHERE id = :id
			""";

	private static final String VERSION_IN = "AND version IN (:versions)\n";

	private static final String VERSION_NOT_IN = "AND version NOT IN (:excludedVersions)\n";

	private static final String RETURNING = "RETURNING " + COLUMNS;

	private static final String DELETE = """
			DELETE FROM products
			WHERE id = :id
			""";

	private static final String ANY_EXISTS = """
			SELECT EXISTS (SELECT 1 FROM products)
			""";

	private final JdbcClient jdbc;

	public ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredProduct> findById(long id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(ProductRepository::storedProduct).optional();
	}

	ProductPage search(ProductQuery query) {
		StatementSpec statement = this.jdbc.sql(ProductSearchSql.of(query))
			.param("limit", query.limit())
			.param("offset", query.offset());
		query.category().ifPresent((category) -> statement.param("category", category));
		for (int i = 0; i < query.words().size(); i++) {
			statement.param("word" + i, ProductSearchSql.parameter(query.words().get(i)));
		}
		List<Product> items = new ArrayList<>(query.limit());
		long[] total = { 0 };
		statement.query((ResultSet row) -> {
			total[0] = row.getLong("total");
			if (row.getObject("id") != null) {
				items.add(product(row));
			}
		});
		return new ProductPage(items, total[0], query.limit(), query.offset());
	}

	/** The new product, or empty when the SKU is taken (by a concurrent insert too). */
	Optional<StoredProduct> insert(ProductRequest request) {
		return bind(this.jdbc.sql(INSERT), request).query(ProductRepository::storedProduct).optional();
	}

	/** Inserts the product unless its SKU is taken; {@code true} when it was inserted. */
	public boolean insertIfAbsent(ProductRequest request) {
		return insert(request).isPresent();
	}

	/**
	 * Replaces the product when it exists and the conditions hold; empty otherwise.
	 * @throws DuplicateSkuException when the new SKU belongs to another product
	 */
	Optional<StoredProduct> update(long id, ProductRequest request, WriteConditions conditions) {
		if (conditions.unsatisfiable()) {
			return Optional.empty();
		}
		StatementSpec statement = bind(this.jdbc.sql(UPDATE + versionConditions(conditions) + RETURNING), request)
			.param("id", id);
		bindVersions(statement, conditions);
		try {
			return statement.query(ProductRepository::storedProduct).optional();
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateSkuException(request.sku());
		}
	}

	/** Deletes the product when it exists and the conditions hold. */
	boolean delete(long id, WriteConditions conditions) {
		if (conditions.unsatisfiable()) {
			return false;
		}
		StatementSpec statement = this.jdbc.sql(DELETE + versionConditions(conditions)).param("id", id);
		bindVersions(statement, conditions);
		return statement.update() == 1;
	}

	public boolean isEmpty() {
		return !this.jdbc.sql(ANY_EXISTS).query(Boolean.class).single();
	}

	private static String versionConditions(WriteConditions conditions) {
		return (conditions.ifMatch().unconditional() ? "" : VERSION_IN)
				+ (conditions.ifNoneMatch().excludesNothing() ? "" : VERSION_NOT_IN);
	}

	private static void bindVersions(StatementSpec statement, WriteConditions conditions) {
		if (!conditions.ifMatch().unconditional()) {
			statement.param("versions", conditions.ifMatch().versions());
		}
		if (!conditions.ifNoneMatch().excludesNothing()) {
			statement.param("excludedVersions", conditions.ifNoneMatch().versions());
		}
	}

	private static StatementSpec bind(StatementSpec statement, ProductRequest request) {
		return statement.param("sku", request.sku())
			.param("name", request.strippedName())
			.param("description", request.descriptionOrEmpty())
			.param("price", request.price())
			.param("currency", request.currency())
			.param("stock", request.stock())
			.param("category", request.strippedCategory());
	}

	private static StoredProduct storedProduct(ResultSet row, int rowNumber) throws SQLException {
		return new StoredProduct(product(row), row.getLong("version"));
	}

	private static Product product(ResultSet row) throws SQLException {
		return new Product(row.getLong("id"), row.getString("sku"), row.getString("name"), row.getString("description"),
				row.getBigDecimal("price").setScale(2, RoundingMode.UNNECESSARY), row.getString("currency"),
				row.getInt("stock"), row.getString("category"), instant(row, "created_at"), instant(row, "updated_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

}
