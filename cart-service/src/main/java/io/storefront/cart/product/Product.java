package io.storefront.cart.product;

import java.math.BigDecimal;

/**
 * What the cart needs to know of a product, as the product service described it at the
 * moment of the call: the cart keeps {@code name} and {@code price} as the line's
 * snapshot and checks {@code stock}.
 *
 * @param version the product's version, from the answer's {@code ETag}: it grows with
 * every change to the product, so of two answers the one with the greater version is the
 * newer
 * @param price scale 2
 * @param currency ISO 4217 code
 */
public record Product(long id, long version, String name, BigDecimal price, String currency, long stock) {

}
