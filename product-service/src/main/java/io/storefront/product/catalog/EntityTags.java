package io.storefront.product.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strong entity tags made from a product's version ({@code "7"}), and the
 * {@code If-Match} header read back into the versions it names (RFC 9110 section 13.1.1).
 */
final class EntityTags {

	private EntityTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * What an {@code If-Match} header asks for: {@link Precondition#NONE} when it is
	 * absent or {@code *}; otherwise the versions it lists. Tags this service never
	 * issued (weak tags, non-numeric ones, a version spelled otherwise than {@link #of}
	 * spells it) match nothing, so they leave the list empty and the request fails with
	 * 412.
	 */
	static Precondition ifMatch(String header) {
		if (header == null || header.isBlank()) {
			return Precondition.NONE;
		}
		List<Long> versions = new ArrayList<>();
		for (String candidate : header.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*")) {
				return Precondition.NONE;
			}
			if (tag.length() > 2 && tag.length() <= 21 && tag.startsWith("\"") && tag.endsWith("\"")) {
				parseVersion(tag.substring(1, tag.length() - 1)).ifPresent(versions::add);
			}
		}
		return new Precondition(versions);
	}

	/**
	 * The version whose tag is exactly {@code text}: tags compare character for character
	 * (RFC 9110 section 8.8.3.2), so {@code "01"} or {@code "+1"} is not the tag
	 * {@code "1"}, however {@link Long#parseLong} reads it.
	 */
	private static Optional<Long> parseVersion(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return Optional.empty();
			}
		}
		try {
			long version = Long.parseLong(text);
			return Long.toString(version).equals(text) ? Optional.of(version) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The versions a conditional write may replace; {@code null} means any version (no
	 * {@code If-Match}, or {@code If-Match: *}).
	 */
	record Precondition(List<Long> versions) {

		static final Precondition NONE = new Precondition(null);

		Precondition {
			versions = (versions != null) ? List.copyOf(versions) : null;
		}

		boolean unconditional() {
			return this.versions == null;
		}

		/**
		 * Conditional, but no listed tag can match any version: the write must fail with
		 * 412.
		 */
		boolean unsatisfiable() {
			return this.versions != null && this.versions.isEmpty();
		}

	}

}
