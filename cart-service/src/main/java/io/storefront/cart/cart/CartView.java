package io.storefront.cart.cart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The cart as the API shows it. Prices are the snapshots of the newest product version an
 * add to the line, or a raise of its quantity, saw.
 *
 * @param currency the one currency of every line; {@code null} while the cart is empty
 */
@Schema(name = "Cart")
public record CartView(UUID userId, List<Item> items,
		@Schema(type = "number", minimum = "0", maximum = "999999999999000.00",
				description = "the sum of the lines' totals, always with two decimals",
				example = "39.80") BigDecimal total,
		@Schema(example = "USD", nullable = true) String currency) {

	static CartView of(UUID userId, List<CartLine> lines) {
		List<Item> items = lines.stream().map(Item::of).toList();
		BigDecimal total = items.stream().map(Item::lineTotal).reduce(zero(), BigDecimal::add);
		String currency = lines.isEmpty() ? null : lines.get(0).currency().trim();
		return new CartView(userId, items, total, currency);
	}

	private static BigDecimal zero() {
		return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
	}

	/** One line: {@code line_total} = {@code unit_price} × {@code quantity}. */
	@Schema(name = "CartItem")
	public record Item(@Schema(example = "42") long productId, @Schema(example = "Espresso cup") String name,
			@Schema(type = "number", minimum = "0", maximum = "9999999999.99", example = "19.90") BigDecimal unitPrice,
			@Schema(minimum = "1", maximum = "1000", example = "2") int quantity, @Schema(type = "number",
					minimum = "0", maximum = "9999999999990.00", example = "39.80") BigDecimal lineTotal) {

		static Item of(CartLine line) {
			BigDecimal unitPrice = line.unitPrice().setScale(2, RoundingMode.UNNECESSARY);
			return new Item(line.productId(), line.name(), unitPrice, line.quantity(),
					unitPrice.multiply(BigDecimal.valueOf(line.quantity())));
		}

	}

}
