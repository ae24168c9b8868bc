package io.storefront.cart.product;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/** 502: the product service answered with something that is not a usable product. */
public class ProductServiceBadAnswerException extends ErrorResponseException {

	ProductServiceBadAnswerException(String detail) {
		super(HttpStatus.BAD_GATEWAY, Problems.of(HttpStatus.BAD_GATEWAY, detail), null);
	}

}
