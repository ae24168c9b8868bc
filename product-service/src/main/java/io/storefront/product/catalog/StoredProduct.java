package io.storefront.product.catalog;

import io.storefront.web.etag.VersionTag;

/**
 * A product with the version its row carries; the version is the product's entity tag.
 */
record StoredProduct(Product product, long version) {

	String etag() {
		return VersionTag.of(this.version);
	}

}
