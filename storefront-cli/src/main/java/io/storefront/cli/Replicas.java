package io.storefront.cli;

import java.util.OptionalInt;

/**
 * {@code --replicas N}, how many instances of each service, read the same way by
 * {@code up}, {@code db provision} and {@code db check}.
 */
public final class Replicas {

	/**
	 * The most {@code db check} and {@code db provision} accept. Even with every pool at
	 * PostgreSQL's own ceiling of connections, the budgets of this many replicas stay
	 * within an {@code int}; a real deployment needs far fewer.
	 */
	public static final int MAXIMUM = 1000;

	private Replicas() {
	}

	/**
	 * @throws UsageException unless {@code text} is a whole number from 1 to
	 * {@link #MAXIMUM}
	 */
	public static int parse(String text) {
		return parse("--replicas", text, MAXIMUM);
	}

	/**
	 * @param named what the error names: the option, or the variable that gave the value
	 * @throws UsageException unless {@code text} is a whole number from 1 to
	 * {@code maximum}
	 */
	public static int parse(String named, String text, int maximum) {
		String given = (text != null) ? text : "";
		OptionalInt count = WholeNumber.parse(given);
		if (count.isPresent() && count.getAsInt() >= 1 && count.getAsInt() <= maximum) {
			return count.getAsInt();
		}
		throw new UsageException(named + " must be a whole number from 1 to " + maximum + " (got \"" + given + "\")");
	}

}
