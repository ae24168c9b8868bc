package io.storefront.product.catalog;

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
 * Describes a write that takes {@code If-Match} and {@code If-None-Match}: the two
 * headers, which {@link ConditionalWriteConfiguration} has read into the method's
 * {@link WriteConditions}, and the 412 when the product's current version fails either.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH, schema = @Schema(type = "string"),
		description = "the ETag read earlier; omit to replace or delete unconditionally")
@Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH, schema = @Schema(type = "string"),
		description = "versions (ETags) not to replace or delete; * refuses any existing product")
@ApiResponse(responseCode = "412",
		description = "If-Match does not name the product's current version, or If-None-Match names it or is *; "
				+ "the product is left unchanged")
@interface ConditionalWrite {

}
