package io.storefront.product.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product as the API serves it (and cart-service reads it). {@code price} is a
 * {@link BigDecimal} of scale 2, so it is written as a JSON number with exactly two
 * decimals and never passes through a binary floating-point value.
 */
@Schema(name = "Product")
public record Product(@Schema(example = "42") long id, @Schema(example = "KB-MECH-87") String sku,
		@Schema(example = "Tenkeyless Mechanical Keyboard") String name,
		@Schema(example = "87-key keyboard with hot-swappable brown switches.") String description,
		@Schema(type = "number", minimum = "0", maximum = "9999999999.99",
				description = "always written with two decimals, in JPY too (100.00)",
				example = "89.90") BigDecimal price,
		@Schema(example = "USD") String currency,
		@Schema(minimum = "0", maximum = "1000000000", example = "12") int stock,
		@Schema(example = "Electronics") String category, Instant createdAt, Instant updatedAt) {

}
