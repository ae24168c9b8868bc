package io.storefront.cart.product;

import java.net.URI;
import java.net.URISyntaxException;

import io.storefront.db.config.InvalidSettingException;

/**
 * Where the product service is ({@code PRODUCT_SERVICE_URL}): an absolute http(s) URL,
 * optionally with a path prefix, without credentials, query or fragment. Checked once at
 * start-up, so a typo stops the service with one line naming the variable instead of
 * failing every add later.
 *
 * @param base the URL without a trailing slash
 */
public record ProductServiceUrl(String base) {

	public static final String VARIABLE = "PRODUCT_SERVICE_URL";

	public static final String DEFAULT = "http://localhost:8002";

	/** Validates the variable's value; {@code null} or blank means the default. */
	public static ProductServiceUrl parse(String value) {
		String text = (value == null || value.isBlank()) ? DEFAULT : value.trim();
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw invalid(text, "is not a valid URL");
		}
		if (uri.getRawUserInfo() != null) {
			// The value is not echoed: it may hold a password.
			throw new InvalidSettingException(VARIABLE, "must not contain credentials");
		}
		String scheme = uri.getScheme();
		if (uri.isOpaque() || uri.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw invalid(text, "must be an http(s) URL such as " + DEFAULT);
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(text, "must not have a query or fragment");
		}
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

	private static InvalidSettingException invalid(String value, String problem) {
		return new InvalidSettingException(VARIABLE, problem + " (got \"" + value + "\")");
	}

}
