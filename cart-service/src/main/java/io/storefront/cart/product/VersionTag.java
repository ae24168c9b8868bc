package io.storefront.cart.product;

import java.util.OptionalLong;

/**
 * The product's version read from the {@code ETag} of {@code GET /products/{id}}: the
 * product service sends it as a strong tag holding the version in decimal digits
 * ({@code "7"}). A weak one ({@code W/"7"}) holds the same version: a proxy that
 * compresses the answer on its way weakens the tag.
 */
final class VersionTag {

	private VersionTag() {
	}

	/**
	 * @return the version, or empty when {@code header} is missing or is not a tag the
	 * product service issues (anything but digits, a leading zero, a number beyond a
	 * {@code bigint})
	 */
	static OptionalLong parse(String header) {
		if (header == null) {
			return OptionalLong.empty();
		}
		String tag = header.startsWith("W/") ? header.substring(2) : header;
		if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
			return OptionalLong.empty();
		}
		String digits = tag.substring(1, tag.length() - 1);
		if (!digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		try {
			long version = Long.parseLong(digits);
			return Long.toString(version).equals(digits) ? OptionalLong.of(version) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

}
