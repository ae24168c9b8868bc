package io.storefront.cart.product;

import java.util.OptionalLong;

/**
 * The product's version read from the {@code ETag} of {@code GET /products/{id}}: the
 * product service sends it as a strong tag holding the version in decimal digits
 * ({@code "7"}).
 */
final class VersionTag {

	private VersionTag() {
	}

	/**
	 * @return the version, or empty when {@code header} is missing or is not a tag the
	 * product service issues (a weak tag, anything but digits, a leading zero, a number
	 * beyond a {@code bigint})
	 */
	static OptionalLong parse(String header) {
		if (header == null || header.length() < 3 || !header.startsWith("\"") || !header.endsWith("\"")) {
			return OptionalLong.empty();
		}
		String digits = header.substring(1, header.length() - 1);
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
