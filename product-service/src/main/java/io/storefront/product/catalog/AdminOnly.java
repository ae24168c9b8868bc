package io.storefront.product.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import io.storefront.web.openapi.OpenApiDefaults;

/**
 * Describes an operation only an admin's token may call: it needs a bearer token, and any
 * other user's is answered 403. What enforces it is
 * {@code io.storefront.product.web.SecurityConfiguration}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@SecurityRequirement(name = OpenApiDefaults.BEARER)
@ApiResponse(responseCode = "403", description = "the token is not an admin's")
@interface AdminOnly {

}
