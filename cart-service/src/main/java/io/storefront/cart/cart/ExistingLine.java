package io.storefront.cart.cart;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Describes an operation on a line the cart already has, named by the path's
 * {@link LineProductId product_id}: no such line is a 404, an id that is not positive a
 * 422 ({@link ProductIds}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "404", description = "The cart has no line for this product")
@ApiResponse(responseCode = "422", description = "product_id is not a positive whole number")
@interface ExistingLine {

}
