package io.storefront.console;

import java.util.Map;

/**
 * How many seconds ago an age on the console's page says, in every form its {@code ago()}
 * writes one: {@code 2.3 s ago}, {@code 17 s ago}, {@code 5 min ago},
 * {@code 1 h 2 min ago}, {@code 3 d ago}. The page rounds down, so the instant it tells
 * of is at least this long ago. The console's browser tests check it against the page's
 * own {@code ago()}; storefront-launcher's reads the page's ages with it.
 */
public final class PageAge {

	private static final String AGO = " ago";

	private static final Map<String, Integer> UNIT_SECONDS = Map.of("d", 86_400, "h", 3_600, "min", 60, "s", 1);

	private PageAge() {
	}

	public static double seconds(String age) {
		String[] parts = age.endsWith(AGO) ? age.substring(0, age.length() - AGO.length()).split(" ") : new String[0];
		if (parts.length == 0 || parts.length % 2 != 0) {
			throw new IllegalArgumentException("not an age the page writes: \"" + age + "\"");
		}
		double seconds = 0;
		for (int i = 0; i < parts.length; i += 2) {
			Integer unit = UNIT_SECONDS.get(parts[i + 1]);
			if (unit == null) {
				throw new IllegalArgumentException("not an age the page writes: \"" + age + "\"");
			}
			seconds += Double.parseDouble(parts[i]) * unit;
		}
		return seconds;
	}

}
