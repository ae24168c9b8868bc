package io.storefront.cli;

/**
 * {@code --replicas N}, how many instances of each service, read the same way by
 * {@code up}, {@code db provision} and {@code db check}.
 */
public final class Replicas {

	private Replicas() {
	}

	/**
	 * @throws UsageException unless {@code text} is a whole number of at least 1
	 */
	public static int parse(String text) {
		return parse(text, Integer.MAX_VALUE);
	}

	/**
	 * @throws UsageException unless {@code text} is a whole number from 1 to
	 * {@code maximum}
	 */
	public static int parse(String text, int maximum) {
		String digits = (text != null) ? text.strip() : "";
		if (digits.matches("\\d{1,9}")) {
			int count = Integer.parseInt(digits);
			if (count >= 1 && count <= maximum) {
				return count;
			}
		}
		throw new UsageException("--replicas must be a whole number "
				+ ((maximum == Integer.MAX_VALUE) ? "of at least 1" : "from 1 to " + maximum) + " (got " + text + ")");
	}

}
