package io.storefront.cart.cart;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.storefront.cart.product.Product;

/** The {@code cart_items} of one user at a time; every statement is scoped by {@code user_id}. */
@Repository
class CartRepository {

	/**
	 * First key of the cart's advisory locks ({@code 'cart'} in ASCII), keeping them apart from any
	 * other advisory lock taken in this database (Flyway's among them).
	 */
	private static final int CART_LOCK_NAMESPACE = 0x63617274;

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/** How long a change waits for other changes to the same cart; normally they hold it for milliseconds. */
	static final Duration LOCK_WAIT = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	CartRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises changes to one user's cart until the transaction ends, so that the rules spanning
	 * several lines (one currency per cart, at most {@link CartLimits#MAX_LINES} lines) hold even when
	 * adds race. Waits at most {@code LOCK_WAIT}, then fails with a
	 * {@link org.springframework.dao.PessimisticLockingFailureException}. Requires a transaction.
	 */
	void lock(UUID userId) {
		this.jdbc.sql("SELECT set_config('lock_timeout', :wait, true)")
			.param("wait", LOCK_WAIT.toMillis() + "ms")
			.query(String.class)
			.single();
		try {
			this.jdbc.sql("""
					SELECT pg_advisory_xact_lock(:namespace, hashtext(CAST(:user_id AS text)))
					""").param("namespace", CART_LOCK_NAMESPACE).param("user_id", userId).query((row) -> {
			});
		}
		catch (UncategorizedSQLException ex) {
			// Spring's default translator leaves PostgreSQL's lock_not_available uncategorised.
			if (LOCK_NOT_AVAILABLE.equals(ex.getSQLException().getSQLState())) {
				throw new CannotAcquireLockException("the cart of " + userId + " stayed locked", ex);
			}
			throw ex;
		}
	}

	List<CartLine> lines(UUID userId) {
		return this.jdbc.sql("""
				SELECT product_id, name, unit_price, currency, quantity
				FROM cart_items
				WHERE user_id = :user_id
				ORDER BY added_at, product_id
				""").param("user_id", userId).query(CartLine.class).list();
	}

	Optional<Integer> quantity(UUID userId, long productId) {
		return this.jdbc.sql("""
				SELECT quantity FROM cart_items WHERE user_id = :user_id AND product_id = :product_id
				""").param("user_id", userId).param("product_id", productId).query(Integer.class).optional();
	}

	/** The currency of the cart's lines other than {@code productId}'s, if there are any. */
	Optional<String> currencyOfOtherLines(UUID userId, long productId) {
		return this.jdbc.sql("""
				SELECT currency FROM cart_items
				WHERE user_id = :user_id AND product_id <> :product_id
				LIMIT 1
				""").param("user_id", userId).param("product_id", productId).query(String.class).optional()
			.map(String::trim);
	}

	int countLines(UUID userId) {
		return this.jdbc.sql("SELECT count(*) FROM cart_items WHERE user_id = :user_id")
			.param("user_id", userId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Adds {@code quantity} of the product in one statement: a new line, or the existing line's quantity
	 * plus {@code quantity} computed by the database itself, so concurrent adds never lose a unit. The
	 * name and price snapshot is refreshed. The update happens only while the resulting quantity stays
	 * within {@code maxQuantity}.
	 * @return the line's quantity afterwards, or empty when the sum would exceed {@code maxQuantity}
	 */
	Optional<Integer> add(UUID userId, Product product, int quantity, long maxQuantity) {
		return this.jdbc.sql("""
				INSERT INTO cart_items (user_id, product_id, name, unit_price, currency, quantity)
				VALUES (:user_id, :product_id, :name, :unit_price, :currency, :quantity)
				ON CONFLICT (user_id, product_id) DO UPDATE
				SET quantity = cart_items.quantity + EXCLUDED.quantity,
				    name = EXCLUDED.name,
				    unit_price = EXCLUDED.unit_price,
				    currency = EXCLUDED.currency,
				    updated_at = now()
				WHERE cart_items.quantity + EXCLUDED.quantity <= :max_quantity
				RETURNING quantity
				""")
			.param("user_id", userId)
			.param("product_id", product.id())
			.param("name", product.name())
			.param("unit_price", product.price())
			.param("currency", product.currency())
			.param("quantity", quantity)
			.param("max_quantity", maxQuantity)
			.query(Integer.class)
			.optional();
	}

	/** @return whether the line existed */
	boolean setQuantity(UUID userId, long productId, int quantity) {
		return this.jdbc.sql("""
				UPDATE cart_items SET quantity = :quantity, updated_at = now()
				WHERE user_id = :user_id AND product_id = :product_id
				""").param("user_id", userId).param("product_id", productId).param("quantity", quantity).update() == 1;
	}

	/** @return whether the line existed */
	boolean remove(UUID userId, long productId) {
		return this.jdbc.sql("DELETE FROM cart_items WHERE user_id = :user_id AND product_id = :product_id")
			.param("user_id", userId)
			.param("product_id", productId)
			.update() == 1;
	}

	void clear(UUID userId) {
		this.jdbc.sql("DELETE FROM cart_items WHERE user_id = :user_id").param("user_id", userId).update();
	}

}
