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

	public String variable(String name) {
		String value = this.environment.apply(name);
		return (value == null || value.isBlank()) ? null : value;
	}

}
