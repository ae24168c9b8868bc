package io.storefront.db.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;

/**
 * Parsing of the numeric and boolean variables, each failure naming the variable and the
 * rule broken. Services read variables of their own (such as product's
 * {@code STOREFRONT_DEV_DATA}) with the same rules.
 */
public final class Numbers {

	private Numbers() {
	}

	static int port(String variable, String text, String what) {
		String trimmed = text.trim();
		if (!trimmed.matches("[+-]?\\d+")) {
			throw new InvalidSettingException(variable,
					"must be a " + what + " from 1 to 65535 (got \"" + abbreviate(trimmed) + "\")");
		}
		BigInteger port = new BigInteger(trimmed);
		if (port.signum() <= 0 || port.compareTo(BigInteger.valueOf(65535)) > 0) {
			throw new InvalidSettingException(variable,
					"must be a " + what + " from 1 to 65535 (got " + abbreviate(port.toString()) + ")");
		}
		return port.intValueExact();
	}

	static int wholeNumber(String variable, String text, int minimum, int maximum) {
		String trimmed = text.trim();
		if (!trimmed.matches("[+-]?\\d+")) {
			throw new InvalidSettingException(variable,
					"must be a whole number of at least " + minimum + " (got \"" + abbreviate(trimmed) + "\")");
		}
		BigInteger value = new BigInteger(trimmed);
		if (value.compareTo(BigInteger.valueOf(minimum)) < 0) {
			throw new InvalidSettingException(variable,
					"must be a whole number of at least " + minimum + " (got " + abbreviate(value.toString()) + ")");
		}
		if (value.compareTo(BigInteger.valueOf(maximum)) > 0) {
			throw new InvalidSettingException(variable,
					"must be at most " + maximum + " (got " + abbreviate(value.toString()) + ")");
		}
		return value.intValueExact();
	}

	/**
	 * Seconds, whole or fractional ({@code 30}, {@code 0.5}), at least
	 * {@code minimumSeconds}.
	 */
	static Duration seconds(String variable, String text, double minimumSeconds) {
		String trimmed = text.trim();
		BigDecimal seconds;
		try {
			if (!trimmed.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
				throw new NumberFormatException();
			}
			seconds = new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(variable,
					"must be a number of seconds (got \"" + abbreviate(trimmed) + "\")");
		}
		if (seconds.compareTo(BigDecimal.valueOf(minimumSeconds)) < 0) {
			throw new InvalidSettingException(variable,
					"must be at least " + BigDecimal.valueOf(minimumSeconds).stripTrailingZeros().toPlainString()
							+ " seconds (got " + seconds.toPlainString() + ")");
		}
		if (seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE / 1000)) > 0) {
			throw new InvalidSettingException(variable, "is too large (got " + seconds.toPlainString() + " seconds)");
		}
		return Duration.ofMillis(seconds.movePointRight(3).longValue());
	}

	/**
	 * The number {@link #seconds} read from {@code text}, as its refusals print it:
	 * {@code +29} is 29.
	 */
	static String secondsRead(String text) {
		return new BigDecimal(text.trim()).toPlainString();
	}

	/**
	 * A true/false variable: {@code true}/{@code false}, {@code 1}/{@code 0},
	 * {@code yes}/{@code no} or {@code on}/{@code off} in any case; empty is false.
	 */
	public static boolean flag(String variable, String text) {
		return parseFlag(text).orElseThrow(() -> new InvalidSettingException(variable,
				"must be true or false (also 1/0, yes/no, on/off; got \"" + abbreviate(text.trim()) + "\")"));
	}

	static java.util.Optional<Boolean> parseFlag(String text) {
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true", "1", "yes", "on" -> java.util.Optional.of(true);
			case "false", "0", "no", "off", "" -> java.util.Optional.of(false);
			default -> java.util.Optional.empty();
		};
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
