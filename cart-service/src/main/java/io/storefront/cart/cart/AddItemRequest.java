package io.storefront.cart.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /cart/items}: add {@code quantity} of a product, summing with an existing
 * line.
 */
@Schema(name = "AddItem")
public record AddItemRequest(
		@Schema(example = "42", minimum = "1",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Positive Long productId,
		@Schema(example = "2", minimum = "1", maximum = "1000",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Min(1) @Max(CartLimits.MAX_QUANTITY) Integer quantity) {

}
