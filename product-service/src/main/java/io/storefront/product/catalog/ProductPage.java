package io.storefront.product.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of {@code GET /products}: {@code total} counts every match, not only this
 * page's items.
 */
@Schema(name = "ProductPage")
public record ProductPage(List<Product> items, @Schema(example = "27") long total, @Schema(example = "20") int limit,
		@Schema(example = "0") int offset) {

	public ProductPage {
		items = List.copyOf(items);
	}

}
