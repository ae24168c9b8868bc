package io.storefront.deploy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Sizes as Kubernetes ({@code 576Mi}) and the JVM ({@code 256m}) write them, in bytes,
 * and pod counts given as a number or a percentage.
 */
final class Quantities {

	private Quantities() {
	}

	static long bytes(Quantity quantity) {
		return Quantity.getAmountInBytes(quantity).longValueExact();
	}

	/**
	 * {@code -Xmx} sizes: a number with an optional k, m, g or t suffix, binary
	 * multiples.
	 */
	static long javaSize(String size) {
		String text = size.strip().toLowerCase(java.util.Locale.ROOT);
		int shift = switch (text.charAt(text.length() - 1)) {
			case 'k' -> 10;
			case 'm' -> 20;
			case 'g' -> 30;
			case 't' -> 40;
			default -> 0;
		};
		String digits = (shift == 0) ? text : text.substring(0, text.length() - 1);
		return new BigDecimal(digits).longValueExact() << shift;
	}

	/**
	 * A number of pods given as a number or as a percentage of {@code pods}
	 * ({@code 25%}), rounded as Kubernetes rounds the field that holds it.
	 */
	static int pods(IntOrString value, int pods, RoundingMode rounding) {
		if (value.getIntVal() != null) {
			return value.getIntVal();
		}
		return BigDecimal.valueOf(pods)
			.multiply(new BigDecimal(value.getStrVal().replace("%", "").strip()))
			.divide(BigDecimal.valueOf(100), 0, rounding)
			.intValueExact();
	}

}
