package io.storefront.cart.cart;

import java.math.BigDecimal;

/** A row of {@code cart_items}, as the cart shows it. */
record CartLine(long productId, String name, BigDecimal unitPrice, String currency, int quantity) {

}
