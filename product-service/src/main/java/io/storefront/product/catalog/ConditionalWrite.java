package io.storefront.product.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Describes a write that takes {@code If-Match} and {@code If-None-Match} (see
 * {@link WriteConditions}): the 412 when the product's current version fails either.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "412",
		description = "If-Match does not name the product's current version, or If-None-Match names it or is *; "
				+ "the product is left unchanged")
@interface ConditionalWrite {

}
