package io.storefront.cart.cart;

/** Bounds that keep one cart small enough to show in one response. */
final class CartLimits {

	/**
	 * Most units of one product on one line (also a CHECK on
	 * {@code cart_items.quantity}).
	 */
	static final int MAX_QUANTITY = 1000;

	/** Most distinct products in one cart. */
	static final int MAX_LINES = 100;

	private CartLimits() {
	}

}
