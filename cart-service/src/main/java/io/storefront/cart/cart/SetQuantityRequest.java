package io.storefront.cart.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code PATCH /cart/items/{product_id}}: the line's new quantity. */
@Schema(name = "SetQuantity")
public record SetQuantityRequest(@Schema(example = "3", minimum = "1", maximum = "1000",
		requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Min(1) @Max(CartLimits.MAX_QUANTITY) Integer quantity) {

}
