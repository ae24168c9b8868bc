package io.storefront.product.devdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.config.Numbers;
import io.storefront.product.catalog.ProductRepository;
import io.storefront.product.catalog.ProductRequest;

/**
 * With {@code STOREFRONT_DEV_DATA=true} (set by {@code ./storefront up}), fills an empty
 * catalog with the products of {@code dev-data/products.json} at start-up, after the
 * migrations and before the port opens. Replicas starting together take a
 * transaction-scoped advisory lock, so exactly one of them sees the table empty and seeds
 * it; every insert is also {@code ON CONFLICT (sku) DO NOTHING}. A catalog that already
 * holds products is never touched, so a restart changes nothing and products an admin
 * deleted do not come back.
 */
@Component
class DevCatalog implements SmartInitializingSingleton {

	static final String VARIABLE = "STOREFRONT_DEV_DATA";

	static final String RESOURCE = "dev-data/products.json";

	/**
	 * Key of the advisory lock serializing seeding across replicas ("PRODSEED" in ASCII).
	 */
	static final long LOCK_KEY = 0x50524F4453454544L;

	private static final String LOCK = """
			SELECT 1 FROM pg_advisory_xact_lock(:key)
			""";

	private static final Logger logger = LoggerFactory.getLogger(DevCatalog.class);

	private final boolean enabled;

	private final ProductRepository products;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectMapper json;

	private final Validator validator;

	DevCatalog(Environment environment, ProductRepository products, JdbcClient jdbc, TransactionTemplate transactions,
			ObjectMapper json, Validator validator) {
		this.enabled = Numbers.flag(VARIABLE, environment.getProperty(VARIABLE, "false"));
		this.products = products;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.validator = validator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			return;
		}
		List<ProductRequest> catalog = load();
		Integer inserted = this.transactions.execute((status) -> seed(catalog));
		if (inserted == null || inserted < 0) {
			logger.info("dev data: the catalog already has products; nothing inserted");
		}
		else {
			logger.info("dev data: inserted {} products into the empty catalog", inserted);
		}
	}

	/**
	 * Inserts the catalog when the table is empty; returns how many rows went in, or -1
	 * when it was not empty.
	 */
	private int seed(List<ProductRequest> catalog) {
		this.jdbc.sql(LOCK).param("key", LOCK_KEY).query(Integer.class).single();
		if (!this.products.isEmpty()) {
			return -1;
		}
		int inserted = 0;
		for (ProductRequest product : catalog) {
			if (this.products.insertIfAbsent(product)) {
				inserted++;
			}
		}
		return inserted;
	}

	List<ProductRequest> load() {
		List<ProductRequest> catalog;
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			catalog = this.json.readValue(in, new TypeReference<List<ProductRequest>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(RESOURCE + " cannot be read", ex);
		}
		for (ProductRequest product : catalog) {
			Set<ConstraintViolation<ProductRequest>> violations = this.validator.validate(product);
			if (!violations.isEmpty()) {
				ConstraintViolation<ProductRequest> first = violations.iterator().next();
				throw new IllegalStateException(RESOURCE + ": product " + product.sku() + " is invalid: "
						+ first.getPropertyPath() + " " + first.getMessage());
			}
		}
		return catalog;
	}

}
