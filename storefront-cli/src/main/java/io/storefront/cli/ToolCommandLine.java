package io.storefront.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every Storefront tool ({@code storefront db …}, {@code storefront up}) runs its
 * picocli commands: a usage error is one line in the tool's own words and the failing
 * command's usage on stderr (exit 2); a command that cannot do its work says why in one
 * line (exit 1); colour only on a terminal. See {@link ExitStatus}.
 */
public final class ToolCommandLine {

	private ToolCommandLine() {
	}

	/**
	 * Sets up a command tree whose subcommands are already added (picocli copies these
	 * settings only to the subcommands it has at the time).
	 * @param tool the words a usage error of the top command starts with, e.g.
	 * {@code storefront up}
	 */
	public static CommandLine configure(CommandLine commandLine, Terminal terminal, String tool) {
		return commandLine.setOut(new PrintWriter(terminal.out(), true))
			.setErr(new PrintWriter(terminal.err(), true))
			.setColorScheme(Help.defaultColorScheme(colour(terminal)))
			.setParameterExceptionHandler((ex, args) -> usageError(ex.getCommandLine(), terminal, tool, describe(ex)))
			.setExecutionExceptionHandler((ex, failed, parseResult) -> {
				if (ex instanceof UsageException) {
					return usageError(failed, terminal, tool, ex.getMessage());
				}
				if (ex instanceof CommandFailedException || ex instanceof UncheckedIOException) {
					terminal.err().println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()));
					return ExitStatus.FAILED;
				}
				throw ex;
			});
	}

	/**
	 * Colour only when both the tool's output and a terminal are the real ones (and
	 * picocli's checks agree).
	 */
	public static Help.Ansi colour(Terminal terminal) {
		boolean system = terminal.out() == System.out && terminal.err() == System.err;
		return (system && System.console() != null) ? Help.Ansi.AUTO : Help.Ansi.OFF;
	}

	/**
	 * Names the command that was used wrongly ({@code storefront db check: unknown
	 * option: --jsn}), as a failure of its work is named, so that a script's log says
	 * which call of several was wrong; {@code tool} at the top.
	 */
	private static int usageError(CommandLine failed, Terminal terminal, String tool, String problem) {
		String command = (failed.getParent() != null) ? failed.getCommandSpec().qualifiedName() : tool;
		terminal.err().println(command + ": " + oneLine(problem));
		failed.usage(terminal.err(), failed.getColorScheme());
		return ExitStatus.USAGE;
	}

	/**
	 * The message with its control characters written as Java escapes (a line break as a
	 * backslash and n, ESC as a backslash and u001B): it quotes values as they were
	 * given, and a line break in one would split the one line a script reads, an escape
	 * sequence drive the terminal.
	 */
	static String oneLine(String message) {
		StringBuilder line = new StringBuilder(message.length());
		message.codePoints().forEach((character) -> {
			switch (character) {
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				case '\t' -> line.append("\\t");
				default -> {
					if (Character.isISOControl(character) || character == '\u2028' || character == '\u2029') {
						line.append(String.format("\\u%04X", character));
					}
					else {
						line.appendCodePoint(character);
					}
				}
			}
		});
		return line.toString();
	}

	/**
	 * picocli's message in the tool's own words: {@code unknown option: --jsn},
	 * {@code unknown command: frob}.
	 */
	private static String describe(ParameterException ex) {
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			if (argument.startsWith("-")) {
				return "unknown option: " + argument.replaceFirst("=.*$", "");
			}
			if (!unmatched.getCommandLine().getSubcommands().isEmpty()) {
				return "unknown command: " + argument;
			}
			return "unexpected argument: " + argument;
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
			// picocli's one exception covers an option left out and one given without its
			// value; only its message tells them apart
			boolean valueLeftOut = String.valueOf(ex.getMessage()).startsWith("Missing required parameter");
			return missing.getMissing()
				.stream()
				.map((argument) -> (argument instanceof OptionSpec option) ? option.longestName()
						: argument.paramLabel())
				.collect(Collectors.joining(", ")) + (valueLeftOut ? " needs a value" : " is required");
		}
		String message = ex.getMessage();
		return (message == null || message.isEmpty()) ? "wrong usage"
				: Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

}
