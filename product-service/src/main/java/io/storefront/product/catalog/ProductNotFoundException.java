package io.storefront.product.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/** 404: no product has this id (any more). */
class ProductNotFoundException extends ErrorResponseException {

	ProductNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "no product with id " + id), null);
	}

}
