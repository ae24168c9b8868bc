package io.storefront.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's options: {@code --flag}, {@code --name value} or {@code --name=value}.
 * Anything else (an unknown option, a missing value, a stray argument, a repeated option)
 * is a {@link UsageException}.
 */
public final class Options {

	private final Set<String> flags;

	private final Map<String, String> values;

	private Options(Set<String> flags, Map<String, String> values) {
		this.flags = flags;
		this.values = values;
	}

	/**
	 * @param knownFlags options without a value, e.g. {@code --json}
	 * @param knownValued options that take a value, e.g. {@code --env-dir}
	 */
	public static Options parse(List<String> arguments, Set<String> knownFlags, Set<String> knownValued) {
		Set<String> flags = new HashSet<>();
		Map<String, String> values = new LinkedHashMap<>();
		List<String> rest = new ArrayList<>(arguments);
		while (!rest.isEmpty()) {
			String argument = rest.remove(0);
			if (!argument.startsWith("--")) {
				throw new UsageException("unexpected argument: " + argument);
			}
			int equals = argument.indexOf('=');
			String name = (equals < 0) ? argument : argument.substring(0, equals);
			if (knownFlags.contains(name)) {
				if (equals >= 0) {
					throw new UsageException(name + " takes no value");
				}
				if (!flags.add(name)) {
					throw new UsageException(name + " is given twice");
				}
			}
			else if (knownValued.contains(name)) {
				String value;
				if (equals >= 0) {
					value = argument.substring(equals + 1);
				}
				else if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
					value = rest.remove(0);
				}
				else {
					throw new UsageException(name + " needs a value");
				}
				if (value.isBlank()) {
					throw new UsageException(name + " needs a value");
				}
				if (values.put(name, value) != null) {
					throw new UsageException(name + " is given twice");
				}
			}
			else {
				throw new UsageException("unknown option: " + name);
			}
		}
		return new Options(flags, values);
	}

	public boolean flag(String name) {
		return this.flags.contains(name);
	}

	public Optional<String> value(String name) {
		return Optional.ofNullable(this.values.get(name));
	}

	/**
	 * A whole number of at least {@code minimum}, or {@code fallback} when the option is
	 * absent.
	 */
	public int number(String name, int fallback, int minimum) {
		Optional<String> text = value(name);
		if (text.isEmpty()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(text.get().trim());
			if (number >= minimum) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(name + " must be a whole number of at least " + minimum + " (got " + text.get() + ")");
	}

	public static boolean wantsHelp(List<String> arguments) {
		return arguments.contains("--help") || arguments.contains("-h");
	}

}
