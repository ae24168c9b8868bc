package io.storefront.product.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/** 409: another product already has this SKU. */
class DuplicateSkuException extends ErrorResponseException {

	DuplicateSkuException(String sku) {
		super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "a product with sku " + sku + " already exists"),
				null);
	}

}
