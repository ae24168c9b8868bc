package io.storefront.product.catalog;

/**
 * A product with the version its row carries; the version is the product's entity tag.
 */
record StoredProduct(Product product, long version) {

	String etag() {
		return EntityTags.of(this.version);
	}

}
