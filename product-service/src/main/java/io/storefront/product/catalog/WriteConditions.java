package io.storefront.product.catalog;

import io.storefront.product.catalog.EntityTags.ExcludedVersions;
import io.storefront.product.catalog.EntityTags.Precondition;

/**
 * The preconditions of a {@code PUT} or {@code DELETE}: the write happens only if both
 * hold for the product's current version (RFC 9110 section 13.2.2). Neither creates a
 * product: on one that does not exist the write is a 404 whatever they say.
 */
record WriteConditions(Precondition ifMatch, ExcludedVersions ifNoneMatch) {

	static WriteConditions of(String ifMatchHeader, String ifNoneMatchHeader) {
		return new WriteConditions(EntityTags.ifMatch(ifMatchHeader), EntityTags.ifNoneMatch(ifNoneMatchHeader));
	}

	/** No existing version can meet them, so the write must not be attempted. */
	boolean unsatisfiable() {
		return this.ifMatch.unsatisfiable() || this.ifNoneMatch.any();
	}

	/**
	 * The 412 for a product whose current version failed them, naming If-Match first as
	 * the RFC evaluates it first.
	 */
	VersionMismatchException failureFor(long id, long currentVersion) {
		if (!this.ifMatch.holdsFor(currentVersion) || this.ifNoneMatch.holdsFor(currentVersion)) {
			return VersionMismatchException.ifMatchFailed(id, this.ifMatch);
		}
		return VersionMismatchException.ifNoneMatchFailed(id);
	}

}
