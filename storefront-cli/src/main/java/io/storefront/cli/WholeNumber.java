package io.storefront.cli;

import java.util.OptionalInt;

/**
 * A number an option or a variable of the tools gives: digits 0-9 alone, read the same
 * way by {@code up}, {@code db provision} and {@code db check}. White space around them
 * and a sign are refused, not trimmed or read: a value quoted wrongly in a script is said
 * rather than taken.
 */
public final class WholeNumber {

	private WholeNumber() {
	}

	/**
	 * The number, empty unless {@code text} is digits 0-9 alone that fit an {@code int}.
	 */
	public static OptionalInt parse(String text) {
		// 0-9 only: Integer.parseInt also reads a sign, fullwidth and other scripts'
		// digits
		if (text == null || !text.matches("[0-9]{1,10}")) {
			return OptionalInt.empty();
		}
		long value = Long.parseLong(text);
		return (value <= Integer.MAX_VALUE) ? OptionalInt.of((int) value) : OptionalInt.empty();
	}

}
