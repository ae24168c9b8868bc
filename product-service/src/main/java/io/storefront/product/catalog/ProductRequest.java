package io.storefront.product.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /products} and {@code PUT /products/{id}}: every field but
 * {@code description} is required (a PUT replaces the whole product). The rules match the
 * table's constraints. A price with more than two decimals is refused, never rounded.
 */
@Schema(name = "ProductRequest")
public record ProductRequest(

		@Schema(example = "KB-MECH-87", description = "unique; 1 to 64 of A-Z a-z 0-9 . _ -") @NotNull @Size(min = 1,
				max = 64) @Pattern(regexp = "^[A-Za-z0-9._-]*$",
						message = "may contain only letters A-Z/a-z, digits, '.', '_' and '-'") String sku,

		@Schema(example = "Tenkeyless Mechanical Keyboard", description = "1 to 200 characters") @NotBlank @Size(
				min = 1, max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS,
						message = "must not contain control characters or unpaired surrogates") String name,

		@Schema(example = "87-key keyboard with hot-swappable brown switches.",
				description = "optional, up to 5000 characters; omitted means empty") @Size(max = 5000) @Pattern(
						regexp = TEXT_WITH_LINE_BREAKS,
						message = "must not contain control characters (but tab and line breaks) or unpaired surrogates") String description,

		@Schema(type = "number", minimum = "0", maximum = "9999999999.99", example = "89.90",
				description = "0 to 9999999999.99, at most 2 decimals") @NotNull @DecimalMin("0") @DecimalMax(
						value = "10000000000", inclusive = false,
						message = "must be less than 10000000000") @Digits(integer = 10, fraction = 2,
								message = "must have at most 2 decimals (and at most 10 digits before the point)") BigDecimal price,

		@Schema(example = "USD",
				description = "ISO 4217 code, 3 upper-case letters") @NotNull @IsoCurrency String currency,

		@Schema(example = "12", description = "0 to 1000000000") @NotNull @Min(0) @Max(1_000_000_000) Integer stock,

		@Schema(example = "Electronics",
				description = "1 to 100 characters; matched exactly by ?category=") @NotBlank @Size(min = 1,
						max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS,
								message = "must not contain control characters or unpaired surrogates") String category) {

	/**
	 * Zeros after the second decimal carry no value ({@code 19.900} is {@code 19.90}) and
	 * are dropped, so only a price that would really need rounding ({@code 19.901}) fails
	 * {@code @Digits}.
	 */
	public ProductRequest {
		if (price != null && price.scale() > 2) {
			price = price.stripTrailingZeros();
		}
	}

	/**
	 * No control characters (C0, DEL and C1: U+0080 to U+009F, such as U+009B, a
	 * terminal's CSI), and no unpaired UTF-16 surrogate (it cannot be stored as UTF-8).
	 * Written so that it means the same in Java and in the ECMAScript dialect of the API
	 * description's {@code pattern}.
	 */
	static final String NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF]*$";

	/** As {@link #NO_CONTROL_CHARACTERS}, but tabs and line breaks are allowed. */
	static final String TEXT_WITH_LINE_BREAKS = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF]*$";

	/** The description to store: an omitted one is empty. */
	String descriptionOrEmpty() {
		return (this.description != null) ? this.description : "";
	}

}
