package io.storefront.product.catalog;

import org.springframework.stereotype.Service;

import io.storefront.db.retry.ReadRetry;
import io.storefront.product.catalog.EntityTags.Precondition;

/**
 * The catalog's operations, each answered with the product or the error the contract
 * names for it. A failed conditional write costs a second look-up only to tell 404 from
 * 412. Reads are run once more when their database connection dies under them
 * ({@link ReadRetry}); writes never are.
 */
@Service
class ProductCatalog {

	private final ProductRepository products;

	private final ReadRetry reads;

	ProductCatalog(ProductRepository products, ReadRetry reads) {
		this.products = products;
		this.reads = reads;
	}

	StoredProduct get(long id) {
		return this.reads.read(() -> this.products.findById(id)).orElseThrow(() -> new ProductNotFoundException(id));
	}

	ProductPage search(ProductQuery query) {
		return this.reads.read(() -> this.products.search(query));
	}

	StoredProduct create(ProductRequest request) {
		return this.products.insert(request).orElseThrow(() -> new DuplicateSkuException(request.sku()));
	}

	StoredProduct replace(long id, ProductRequest request, Precondition precondition) {
		return this.products.update(id, request, precondition).orElseThrow(() -> missingOrChanged(id));
	}

	void delete(long id, Precondition precondition) {
		if (!this.products.delete(id, precondition)) {
			throw missingOrChanged(id);
		}
	}

	private RuntimeException missingOrChanged(long id) {
		return this.products.exists(id) ? new VersionMismatchException(id) : new ProductNotFoundException(id);
	}

}
