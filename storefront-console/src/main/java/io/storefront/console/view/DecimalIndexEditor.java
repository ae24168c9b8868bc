package io.storefront.console.view;

import java.beans.PropertyEditorSupport;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads a service's index only in decimal ASCII digits as JSON writes them. Spring's own
 * conversion also reads {@code 0x1}, {@code #1}, {@code 01}, {@code " 1"} and other
 * scripts' digits, so one service would answer at many URLs; anything else is refused as
 * not a whole number (400).
 */
final class DecimalIndexEditor extends PropertyEditorSupport {

	private static final Pattern DECIMAL = Pattern.compile("0|-?[1-9][0-9]*");

	@Override
	public void setAsText(String text) {
		if (text == null || !DECIMAL.matcher(text).matches()) {
			throw new IllegalArgumentException("not decimal digits");
		}
		setValue(new BigInteger(text));
	}

}
