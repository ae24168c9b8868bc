package io.storefront.product.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import io.storefront.web.etag.VersionTag;

/**
 * The {@code If-Match} and {@code If-None-Match} headers read back into the product
 * versions their {@link VersionTag}s name (RFC 9110 sections 13.1.1 and 13.1.2).
 */
final class EntityTags {

	private EntityTags() {
	}

	/**
	 * What an {@code If-Match} header asks for: {@link Precondition#NONE} when it is
	 * absent or {@code *}; otherwise the versions it lists. If-Match compares strongly,
	 * so tags this service never issued (weak tags, non-numeric ones, a version spelled
	 * otherwise than {@link VersionTag#of} spells it) match nothing, so they leave the
	 * list empty and the request fails with 412.
	 */
	static Precondition ifMatch(String header) {
		if (header == null || header.isBlank()) {
			return Precondition.NONE;
		}
		return listedVersions(header, VersionTag::strong).map(Precondition::new).orElse(Precondition.NONE);
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
		return listedVersions(header, VersionTag::weak).map((versions) -> new ExcludedVersions(false, versions))
			.orElse(ExcludedVersions.ANY);
	}

	/**
	 * The versions the tags of a header's list name, as {@code comparison} reads each
	 * tag; empty when the list holds {@code *}, which stands for whatever version is
	 * current.
	 */
	private static Optional<List<Long>> listedVersions(String header, Function<String, OptionalLong> comparison) {
		List<Long> versions = new ArrayList<>();
		for (String candidate : header.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*")) {
				return Optional.empty();
			}
			comparison.apply(tag).ifPresent(versions::add);
		}
		return Optional.of(versions);
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
