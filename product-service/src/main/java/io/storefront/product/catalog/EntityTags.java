package io.storefront.product.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strong entity tags made from a product's version ({@code "7"}), and the
 * {@code If-Match} and {@code If-None-Match} headers read back into the versions they
 * name (RFC 9110 sections 13.1.1 and 13.1.2).
 */
final class EntityTags {

	private static final String WEAK_PREFIX = "W/";

	private EntityTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * What an {@code If-Match} header asks for: {@link Precondition#NONE} when it is
	 * absent or {@code *}; otherwise the versions it lists. If-Match compares strongly,
	 * so tags this service never issued (weak tags, non-numeric ones, a version spelled
	 * otherwise than {@link #of} spells it) match nothing, so they leave the list empty
	 * and the request fails with 412.
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
			quotedVersion(tag).ifPresent(versions::add);
		}
		return new Precondition(versions);
	}

	/**
	 * What an {@code If-None-Match} header rules out: nothing when it is absent,
	 * {@link ExcludedVersions#ANY} for {@code *}, otherwise the versions it lists.
	 * If-None-Match compares weakly, so {@code W/"7"} names version 7 as {@code "7"}
	 * does; tags this service never issued name no version and exclude nothing.
	 */
	static ExcludedVersions ifNoneMatch(String header) {
		if (header == null || header.isBlank()) {
			return ExcludedVersions.NONE;
		}
		List<Long> versions = new ArrayList<>();
		for (String candidate : header.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*")) {
				return ExcludedVersions.ANY;
			}
			String opaqueTag = tag.startsWith(WEAK_PREFIX) ? tag.substring(WEAK_PREFIX.length()) : tag;
			quotedVersion(opaqueTag).ifPresent(versions::add);
		}
		return new ExcludedVersions(false, versions);
	}

	private static Optional<Long> quotedVersion(String tag) {
		if (tag.length() > 2 && tag.length() <= 21 && tag.startsWith("\"") && tag.endsWith("\"")) {
			return parseVersion(tag.substring(1, tag.length() - 1));
		}
		return Optional.empty();
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

		boolean holdsFor(long version) {
			return unconditional() || this.versions.contains(version);
		}

	}

	/**
	 * The versions a request must not act on: every version when {@code any} (so no
	 * existing product), otherwise those listed.
	 */
	record ExcludedVersions(boolean any, List<Long> versions) {

		static final ExcludedVersions NONE = new ExcludedVersions(false, List.of());

		static final ExcludedVersions ANY = new ExcludedVersions(true, List.of());

		ExcludedVersions {
			versions = List.copyOf(versions);
		}

		boolean excludesNothing() {
			return !this.any && this.versions.isEmpty();
		}

		boolean holdsFor(long version) {
			return !this.any && !this.versions.contains(version);
		}

	}

}
