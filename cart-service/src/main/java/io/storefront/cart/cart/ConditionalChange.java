package io.storefront.cart.cart;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;

/**
 * Describes a change that takes {@code If-Match} and {@code If-None-Match}: the two
 * headers, which {@link CartPreconditionsConfiguration} has read into the method's
 * {@link CartPreconditions}, and the 412 when either fails.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, schema = @Schema(type = "string"),
		description = "The cart issues no entity tags, so only * lets the change through (it holds where the line, "
				+ "or the cart, exists); any entity tag fails (412). Omit to change unconditionally")
@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH, schema = @Schema(type = "string"),
		description = "* refuses the change where the line (or the cart, which always exists) exists (412); entity "
				+ "tags never match, as the cart issues none")
@ApiResponse(responseCode = "412",
		description = "If-Match lists entity tags (the cart issues none: it can only be *), or If-None-Match is * "
				+ "where the line or the cart exists; nothing was changed")
@interface ConditionalChange {

}
