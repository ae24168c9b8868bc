package io.storefront.cart.cart;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.storefront.cart.product.Product;

/**
 * The {@code cart_items} of one user at a time; every statement is scoped by
 * {@code user_id}.
 */
@Repository
class CartRepository {

	/**
	 * First key of the cart's advisory locks ({@code 'cart'} in ASCII), keeping them
	 * apart from any other advisory lock taken in this database (Flyway's among them).
	 */
	private static final int CART_LOCK_NAMESPACE = 0x63617274;

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/**
	 * How long a change waits for other changes to the same cart; normally they hold it
	 * for milliseconds.
	 */
	static final Duration LOCK_WAIT = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	CartRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises changes to one user's cart until the transaction ends, so that what a
	 * change read still holds when it writes: the rules spanning several lines (one
	 * currency per cart, at most {@link CartLimits#MAX_LINES} lines) hold even when adds
	 * race, and an add knows whether it makes a line. Every change takes it
	 * ({@link CartChanges}). Waits at most {@code wait}, as does every later wait for a
	 * lock in the same transaction, then fails as {@link #isLockWaitOver} tells. Requires
	 * a transaction.
	 */
	void lock(UUID userId, Duration wait) {
		// One round trip: the MATERIALIZED CTE is evaluated first, so the lock waits
		// under the new timeout.
		this.jdbc.sql("""
				WITH wait AS MATERIALIZED (SELECT set_config('lock_timeout', :wait, true))
				SELECT pg_advisory_xact_lock(:namespace, hashtext(CAST(:user_id AS text))) FROM wait
				""")
			.param("wait", Math.max(1, wait.toMillis()) + "ms")
			.param("namespace", CART_LOCK_NAMESPACE)
			.param("user_id", userId)
			.query((row) -> {
			});
	}

	/**
	 * Whether {@code failure} is a wait under {@link #lock}'s timeout that ran out: for
	 * the cart's lock, or for a row another transaction holds, as the timeout lasts for
	 * the rest of the transaction. PostgreSQL's {@code lock_not_available} arrives as a
	 * {@code CannotAcquireLockException} through spring-jdbc's error codes, and
	 * uncategorised through a translator that knows only SQL states: both count.
	 */
	static boolean isLockWaitOver(RuntimeException failure) {
		return failure instanceof PessimisticLockingFailureException
				|| (failure instanceof UncategorizedSQLException uncategorized
						&& LOCK_NOT_AVAILABLE.equals(uncategorized.getSQLException().getSQLState()));
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

	/**
	 * What an add must check, read in one statement: the product's quantity in the cart
	 * (0 without a line), the currency of the other lines (null without any) and the
	 * number of lines.
	 */
	CartState state(UUID userId, long productId) {
		return this.jdbc
			.sql("""
					SELECT (SELECT quantity FROM cart_items WHERE user_id = :user_id AND product_id = :product_id) AS in_cart,
					       (SELECT currency FROM cart_items WHERE user_id = :user_id AND product_id <> :product_id LIMIT 1)
					           AS other_currency,
					       (SELECT count(*) FROM cart_items WHERE user_id = :user_id) AS lines
					""")
			.param("user_id", userId)
			.param("product_id", productId)
			.query((row, number) -> new CartState(row.getInt("in_cart"),
					Optional.ofNullable(row.getString("other_currency")).map(String::trim), row.getInt("lines")))
			.single();
	}

	/**
	 * Adds {@code quantity} of the product in one statement: a new line, or the existing
	 * line's quantity plus {@code quantity} computed by the database itself, so
	 * concurrent adds never lose a unit. The name and price snapshot is refreshed unless
	 * the line holds a newer version of the product than {@code product}: the product is
	 * looked up before the cart's lock is taken, so an add may write after another that
	 * read the product later. The update happens only while the resulting quantity stays
	 * within {@code maxQuantity}. The same statement reads the cart's other lines, saving
	 * the round trip of showing the cart afterwards.
	 * @return the cart's lines afterwards, or empty when the sum would exceed
	 * {@code maxQuantity}
	 */
	Optional<List<CartLine>> addAndList(UUID userId, Product product, int quantity, long maxQuantity) {
		List<AddedLine> rows = line(this.jdbc.sql("""
				WITH added AS (
				    INSERT INTO cart_items (user_id, product_id, product_version, name, unit_price, currency, quantity)
				    VALUES (:user_id, :product_id, :product_version, :name, :unit_price, :currency, :quantity)
				    ON CONFLICT (user_id, product_id) DO UPDATE
				    SET quantity = cart_items.quantity + EXCLUDED.quantity,
				        name = CASE WHEN EXCLUDED.product_version >= cart_items.product_version
				                    THEN EXCLUDED.name ELSE cart_items.name END,
				        unit_price = CASE WHEN EXCLUDED.product_version >= cart_items.product_version
				                          THEN EXCLUDED.unit_price ELSE cart_items.unit_price END,
				        currency = CASE WHEN EXCLUDED.product_version >= cart_items.product_version
				                        THEN EXCLUDED.currency ELSE cart_items.currency END,
				        product_version = greatest(EXCLUDED.product_version, cart_items.product_version),
				        updated_at = now()
				    WHERE cart_items.quantity + EXCLUDED.quantity <= :max_quantity
				    RETURNING product_id, name, unit_price, currency, quantity, added_at
				)
				SELECT product_id, name, unit_price, currency, quantity, added_at, TRUE AS added FROM added
				UNION ALL
				SELECT product_id, name, unit_price, currency, quantity, added_at, FALSE AS added FROM cart_items
				WHERE user_id = :user_id AND product_id <> :product_id
				ORDER BY added_at, product_id
				"""), userId, product).param("quantity", quantity)
			.param("max_quantity", maxQuantity)
			.query((row,
					number) -> new AddedLine(
							new CartLine(row.getLong("product_id"), row.getString("name"),
									row.getBigDecimal("unit_price"), row.getString("currency"), row.getInt("quantity")),
							row.getBoolean("added")))
			.list();
		if (rows.stream().noneMatch(AddedLine::added)) {
			return Optional.empty();
		}
		return Optional.of(rows.stream().map(AddedLine::line).toList());
	}

	/**
	 * Sets the line's quantity to {@code quantity}, refreshing its name and price
	 * snapshot from {@code product} as an add does, unless the line holds a newer version
	 * of it.
	 * @return whether the line existed
	 */
	boolean raise(UUID userId, Product product, int quantity) {
		return line(this.jdbc.sql("""
				UPDATE cart_items
				SET quantity = :quantity,
				    name = CASE WHEN :product_version >= product_version THEN :name ELSE name END,
				    unit_price = CASE WHEN :product_version >= product_version THEN :unit_price ELSE unit_price END,
				    currency = CASE WHEN :product_version >= product_version THEN :currency ELSE currency END,
				    product_version = greatest(:product_version, product_version),
				    updated_at = now()
				WHERE user_id = :user_id AND product_id = :product_id
				"""), userId, product).param("quantity", quantity).update() == 1;
	}

	/**
	 * Binds the line's owner, and the product and the snapshot a line keeps of it:
	 * {@code :user_id}, {@code :product_id}, {@code :product_version}, {@code :name},
	 * {@code :unit_price}, {@code :currency}.
	 */
	private static JdbcClient.StatementSpec line(JdbcClient.StatementSpec statement, UUID userId, Product product) {
		return statement.param("user_id", userId)
			.param("product_id", product.id())
			.param("product_version", product.version())
			.param("name", product.name())
			.param("unit_price", product.price())
			.param("currency", product.currency());
	}

	/**
	 * Sets the quantity only if that does not raise it.
	 * @return whether the line existed and held at least {@code quantity}
	 */
	boolean lowerQuantity(UUID userId, long productId, int quantity) {
		return this.jdbc.sql("""
				UPDATE cart_items SET quantity = :quantity, updated_at = now()
				WHERE user_id = :user_id AND product_id = :product_id AND quantity >= :quantity
				""").param("user_id", userId).param("product_id", productId).param("quantity", quantity).update() == 1;
	}

	/**
	 * @return whether the line existed
	 */
	boolean remove(UUID userId, long productId) {
		return this.jdbc.sql("DELETE FROM cart_items WHERE user_id = :user_id AND product_id = :product_id")
			.param("user_id", userId)
			.param("product_id", productId)
			.update() == 1;
	}

	void clear(UUID userId) {
		this.jdbc.sql("DELETE FROM cart_items WHERE user_id = :user_id").param("user_id", userId).update();
	}

	/** What an add checks under the cart's lock. */
	record CartState(int inCart, Optional<String> otherCurrency, int lines) {
	}

	private record AddedLine(CartLine line, boolean added) {
	}

}
