package io.storefront.product.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import io.storefront.web.text.DisplayText;

/**
 * The body of {@code POST /products} and {@code PUT /products/{id}}: every field but
 * {@code description} is required (a PUT replaces the whole product). The rules match the
 * table's constraints. A price with more than two decimals is refused, never rounded. The
 * name and the category are stored without leading and trailing white space, as auth's
 * {@code full_name} is: {@code "Home "} would otherwise be a category of its own that
 * {@code ?category=Home} never finds. They are checked as sent, so that the API
 * description's {@code pattern} and {@code maxLength} say exactly what is accepted. One
 * mistake is one message: the name's pattern alone refuses empty text (it is published
 * with {@code minLength: 1} all the same), and only {@code @DecimalMax} bounds the
 * price's digits before the point.
 */
@Schema(name = "ProductRequest")
@PriceInCurrencyUnits
public record ProductRequest(

		@Schema(example = "KB-MECH-87", description = "unique; 1 to 64 of A-Z a-z 0-9 . _ -") @NotNull @Size(min = 1,
				max = 64) @Pattern(regexp = "^[A-Za-z0-9._-]*$",
						message = "may contain only letters A-Z/a-z, digits, '.', '_' and '-'") String sku,

		@Schema(example = "Tenkeyless Mechanical Keyboard",
				description = "1 to 200 characters, not all spaces; stored without leading and trailing white space") @NotNull @Size(
						max = 200) @Pattern(regexp = DisplayText.NAME, message = DisplayText.NAME_MESSAGE) String name,

		@Schema(example = "87-key keyboard with hot-swappable brown switches.", nullable = true,
				description = "optional, up to 5000 characters; omitted or null means empty") @Size(
						max = 5000) @Pattern(regexp = DisplayText.LINES,
								message = DisplayText.LINES_MESSAGE) String description,

		@Schema(type = "number", minimum = "0", maximum = "9999999999.99", example = "89.90",
				description = "0 to 9999999999.99, at most 2 decimals, and no more than the currency has (none in JPY)") @NotNull @DecimalMin("0") @DecimalMax(
						value = "10000000000", inclusive = false,
						message = "must be less than 10000000000") @Digits(integer = Integer.MAX_VALUE, fraction = 2,
								message = "must have at most 2 decimals") BigDecimal price,

		@Schema(example = "USD", pattern = "^[A-Z]{3}$",
				description = "ISO 4217 code, 3 upper-case letters, of a currency with a minor unit (not XXX, XTS or a metal)") @NotNull @IsoCurrency String currency,

		@Schema(example = "12", description = "0 to 1000000000") @NotNull @Min(0) @Max(1_000_000_000) Integer stock,

		@Schema(example = "Electronics",
				description = "1 to 100 characters, not all spaces; stored without leading and trailing white space, and matched exactly by ?category=") @NotNull @Size(
						max = 100) @Pattern(regexp = DisplayText.NAME,
								message = DisplayText.NAME_MESSAGE) String category) {

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

	/** The name to store: without leading and trailing white space. */
	String strippedName() {
		return this.name.strip();
	}

	/** The category to store: without leading and trailing white space. */
	String strippedCategory() {
		return this.category.strip();
	}

	/** The description to store: an omitted one is empty. */
	String descriptionOrEmpty() {
		return (this.description != null) ? this.description : "";
	}

}
