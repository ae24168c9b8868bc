package io.storefront.product.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Describes an operation on the product its path's {@code id} names: no such product is a
 * 404, an id that is not positive a 422.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "404", description = "no product has this id")
@ApiResponse(responseCode = "422", description = "the id is not a positive whole number")
@interface ProductById {

}
