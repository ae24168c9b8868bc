package io.storefront.cart.cart;

import io.storefront.web.problem.InvalidFieldException;

/**
 * Checks the {@code product_id} of a path. Done by hand rather than with
 * {@code @Positive} on the parameter: a constraint there switches the whole method to
 * method validation, and the shared error advice then names the request body parameter
 * instead of the body's field (e.g. {@code change} instead of {@code quantity}) when the
 * body is invalid.
 */
final class ProductIds {

	private ProductIds() {
	}

	static long requirePositive(long productId) {
		if (productId < 1) {
			// in the words of @Positive on a body field (ValidationMessages.properties)
			throw new InvalidFieldException("product_id", "must be more than 0");
		}
		return productId;
	}

}
