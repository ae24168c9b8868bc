package io.storefront.product.catalog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.retry.ReadRetry;

/**
 * The catalog's operations, each answered with the product or the error the contract
 * names for it. A failed conditional write costs a second look-up only to tell 404 from
 * 412 and which precondition failed. Reads are run once more when their database
 * connection dies under them ({@link ReadRetry}); each write runs in a transaction, run
 * once more when its connection dies before the commit and said to have an unknown
 * outcome when it dies in the commit (the service's {@link TransactionTemplate}).
 */
@Service
class ProductCatalog {

	private final ProductRepository products;

	private final ReadRetry reads;

	private final TransactionTemplate transactions;

	private final SearchTurns searchTurns;

	ProductCatalog(ProductRepository products, ReadRetry reads, TransactionTemplate transactions,
			SearchTurns searchTurns) {
		this.products = products;
		this.reads = reads;
		this.transactions = transactions;
		this.searchTurns = searchTurns;
	}

	StoredProduct get(long id) {
		return this.reads.read(() -> this.products.findById(id)).orElseThrow(() -> new ProductNotFoundException(id));
	}

	ProductPage search(ProductQuery query) {
		return this.searchTurns.take(() -> this.reads.read(() -> this.products.search(query)));
	}

	StoredProduct create(ProductRequest request) {
		return this.transactions.execute((status) -> this.products.insert(request))
			.orElseThrow(() -> new DuplicateSkuException(request.sku()));
	}

	StoredProduct replace(long id, ProductRequest request, WriteConditions conditions) {
		return this.transactions.execute((status) -> this.products.update(id, request, conditions))
			.orElseThrow(() -> missingOrFailed(id, conditions));
	}

	void delete(long id, WriteConditions conditions) {
		if (!this.transactions.execute((status) -> this.products.delete(id, conditions))) {
			throw missingOrFailed(id, conditions);
		}
	}

	private RuntimeException missingOrFailed(long id, WriteConditions conditions) {
		return this.reads.read(() -> this.products.findById(id))
			.<RuntimeException>map((current) -> conditions.failureFor(id, current.version()))
			.orElseGet(() -> new ProductNotFoundException(id));
	}

}
