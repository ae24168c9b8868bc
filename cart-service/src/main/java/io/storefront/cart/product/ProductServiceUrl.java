package io.storefront.cart.product;

import java.net.URI;

import io.storefront.db.config.HttpUrl;

/**
 * Where the product service is ({@code PRODUCT_SERVICE_URL}): an absolute http(s) URL
 * with a host and, when given, a port from 1 to 65535, optionally with a path prefix,
 * without credentials, query or fragment. Checked once at start-up, so a typo stops the
 * service with one line naming the variable instead of failing every add later.
 *
 * @param base the URL without a trailing slash
 */
public record ProductServiceUrl(String base) {

	public static final String VARIABLE = "PRODUCT_SERVICE_URL";

	public static final String DEFAULT = "http://localhost:8002";

	/** Validates the variable's value; {@code null} or blank means the default. */
	public static ProductServiceUrl parse(String value) {
		String text = (value == null || value.isBlank()) ? DEFAULT : value.trim();
		HttpUrl.parse(VARIABLE, text, DEFAULT, HttpUrl.Query.REFUSED);
		return new ProductServiceUrl(text.replaceAll("/+$", ""));
	}

	/** The {@code GET} target of one product. */
	public URI product(long productId) {
		return URI.create(this.base + "/products/" + productId);
	}

	@Override
	public String toString() {
		return this.base;
	}

}
