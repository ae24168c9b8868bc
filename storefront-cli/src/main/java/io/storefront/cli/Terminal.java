package io.storefront.cli;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where a command writes (results on {@code out}, errors and progress notes on
 * {@code err}) and how it reads environment variables; tests pass their own.
 */
public record Terminal(PrintStream out, PrintStream err, Function<String, String> environment) {

	public static Terminal system() {
		return new Terminal(System.out, System.err, System::getenv);
	}

	/**
	 * The variable's value, {@code null} when it is unset or empty ({@code NAME=}, the
	 * shell's way to clear one), as libpq reads its own. A value of spaces is a value: a
	 * {@code PGPASSWORD} of spaces is a password, and a port of spaces is refused rather
	 * than taken for the default.
	 */
	public String variable(String name) {
		String value = this.environment.apply(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

}
