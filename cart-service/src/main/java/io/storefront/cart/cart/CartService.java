package io.storefront.cart.cart;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import io.storefront.cart.product.Product;
import io.storefront.cart.product.ProductCatalog;
import io.storefront.db.retry.ReadRetry;

/**
 * The cart's rules. The product service is asked before any transaction starts, so a slow
 * product service never holds a database connection or the cart's lock; an add may then
 * write after another that asked later, so a line keeps the snapshot of the newest
 * product version any add or raise saw ({@link CartRepository#addAndList}). Showing the
 * cart is run once more when its database connection dies under it ({@link ReadRetry};
 * inside a change's transaction it is not). Every change runs in a transaction under the
 * cart's lock ({@link CartChanges}), and only database work runs inside it. Setting a
 * quantity and emptying the cart leave the same cart however often they are committed, so
 * they are run once more even when the connection dies in the commit, and answer instead
 * of leaving the outcome unknown.
 */
@Service
class CartService {

	private final CartRepository carts;

	private final ProductCatalog catalog;

	private final CartChanges changes;

	private final ReadRetry reads;

	CartService(CartRepository carts, ProductCatalog catalog, CartChanges changes, ReadRetry reads) {
		this.carts = carts;
		this.catalog = catalog;
		this.changes = changes;
		this.reads = reads;
	}

	CartView view(UUID userId) {
		return CartView.of(userId, this.reads.read(() -> this.carts.lines(userId)));
	}

	/** The cart's line for the product, as {@link #view} shows it. */
	CartView.Item line(UUID userId, long productId) {
		return view(userId).items()
			.stream()
			.filter((item) -> item.productId() == productId)
			.findFirst()
			.orElseThrow(() -> noLine(productId));
	}

	/**
	 * Refuses a change to the line that its preconditions fail. A line the cart does not
	 * have is a 404 whatever they say: that is the answer without them, which comes first
	 * (RFC 9110 section 13.2.1). Failed preconditions change nothing, so one read
	 * decides.
	 */
	void requirePreconditions(UUID userId, long productId, CartPreconditions preconditions) {
		if (preconditions.holdWhereItExists()) {
			return;
		}
		this.reads.read(() -> this.carts.quantity(userId, productId)).orElseThrow(() -> noLine(productId));
		throw preconditions.failureWhere("the cart has a line for product " + productId);
	}

	/** Adds to the cart; {@link Added#created()} tells whether a new line was made. */
	Added add(UUID userId, long productId, int quantity) {
		Product product = this.catalog.find(productId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"product " + productId + " does not exist"));
		return this.changes.change(userId, () -> addLocked(userId, product, quantity));
	}

	/** The add's checks and write, under the cart's lock, in one transaction. */
	private Added addLocked(UUID userId, Product product, int quantity) {
		CartRepository.CartState cart = this.carts.state(userId, product.id());
		checkCurrency(cart, product);
		boolean created = cart.inCart() == 0;
		if (created && cart.lines() >= CartLimits.MAX_LINES) {
			throw conflict("a cart holds at most " + CartLimits.MAX_LINES + " different products");
		}
		checkQuantity(product, cart.inCart(), quantity);
		// The statement re-checks the sum itself; under the lock it cannot fail, without
		// it it would still hold.
		List<CartLine> lines = this.carts
			.addAndList(userId, product, quantity, Math.min(CartLimits.MAX_QUANTITY, product.stock()))
			.orElseThrow(
					() -> new RetryableConflictException("product " + product.id() + " could not be added; retry"));
		return new Added(created, CartView.of(userId, lines));
	}

	private static void checkCurrency(CartRepository.CartState cart, Product product) {
		cart.otherCurrency().filter((currency) -> !currency.equals(product.currency())).ifPresent((currency) -> {
			throw conflict("this cart holds prices in " + currency + "; product " + product.id() + " is priced in "
					+ product.currency() + ", and a cart holds one currency");
		});
	}

	/**
	 * Sets a line's quantity. Raising it checks the product's stock first and, as an add
	 * does, takes the product's name and price (so no raise is priced by a version it did
	 * not read); lowering it (or keeping it) does not call the product service at all, so
	 * a line the stock has dropped below can still be brought down, also while the
	 * product service is down, at the price the line shows.
	 */
	CartView setQuantity(UUID userId, long productId, int quantity) {
		int current = this.reads.read(() -> this.carts.quantity(userId, productId))
			.orElseThrow(() -> noLine(productId));
		if (quantity <= current) {
			Optional<CartView> lowered = this.changes.idempotentChange(userId,
					() -> this.carts.lowerQuantity(userId, productId, quantity) ? Optional.of(view(userId))
							: Optional.empty());
			if (lowered.isPresent()) {
				return lowered.get();
			}
			// Another change took the line below the quantity (or removed it) meanwhile:
			// it is a raise now.
		}
		return raiseQuantity(userId, productId, quantity);
	}

	private CartView raiseQuantity(UUID userId, long productId, int quantity) {
		Product product = this.catalog.find(productId)
			.orElseThrow(() -> conflict("product " + productId + " is no longer sold; remove it from the cart"));
		if (quantity > product.stock()) {
			throw conflict("only " + product.stock() + " of product " + productId + " in stock; " + quantity
					+ " were asked for");
		}
		return this.changes.idempotentChange(userId, () -> {
			CartRepository.CartState cart = this.carts.state(userId, productId);
			if (cart.inCart() == 0) {
				throw noLine(productId);
			}
			checkCurrency(cart, product);
			this.carts.raise(userId, product, quantity);
			return view(userId);
		});
	}

	void remove(UUID userId, long productId) {
		if (!this.changes.change(userId, () -> this.carts.remove(userId, productId))) {
			throw noLine(productId);
		}
	}

	void clear(UUID userId) {
		this.changes.idempotentChange(userId, () -> {
			this.carts.clear(userId);
			return null;
		});
	}

	private static void checkQuantity(Product product, int inCart, int adding) {
		long wanted = (long) inCart + adding;
		if (wanted > CartLimits.MAX_QUANTITY) {
			throw conflict("a cart line holds at most " + CartLimits.MAX_QUANTITY + " units; the cart has " + inCart
					+ " of product " + product.id() + " and " + adding + " more were asked for");
		}
		if (wanted > product.stock()) {
			throw conflict("only " + product.stock() + " of product " + product.id() + " in stock; the cart has "
					+ inCart + " and " + adding + " more were asked for");
		}
	}

	private static ResponseStatusException conflict(String detail) {
		return new ResponseStatusException(HttpStatus.CONFLICT, detail);
	}

	private static ResponseStatusException noLine(long productId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "the cart has no line for product " + productId);
	}

	/**
	 * The outcome of an add: the cart afterwards, and whether the product got a new line.
	 */
	record Added(boolean created, CartView cart) {
	}

}
