package io.storefront.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import io.storefront.cli.check.CheckCommand;
import io.storefront.cli.provision.ProvisionCommand;

/**
 * {@code storefront db provision|check}: plain Java and picocli, no framework, so it
 * starts at once. Usage errors are one line and the command's usage on stderr (exit 2); a
 * command that cannot do its work says why in one line (exit 1); see {@link ExitStatus}.
 */
@Command(name = "storefront", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		synopsisHeading = "usage: ", descriptionHeading = "%n", optionListHeading = "%n",
		commandListHeading = "%nCommands:%n",
		description = "Databases and roles for the services, and their connection test.")
public final class StorefrontCli implements Runnable {

	@Spec
	CommandSpec spec;

	private final Terminal terminal;

	public StorefrontCli(Terminal terminal) {
		this.terminal = terminal;
	}

	public static void main(String[] args) {
		System.exit(new StorefrontCli(Terminal.system()).run(args));
	}

	public int run(String... args) {
		Help.Ansi ansi = colour();
		CheckCommand check = new CheckCommand(this.terminal, ansi);
		CommandLine commandLine = new CommandLine(this).addSubcommand(
				new CommandLine(new Db()).addSubcommand(new ProvisionCommand(this.terminal)).addSubcommand(check));
		commandLine.setOut(new PrintWriter(this.terminal.out(), true))
			.setErr(new PrintWriter(this.terminal.err(), true))
			.setColorScheme(Help.defaultColorScheme(ansi))
			.setParameterExceptionHandler(this::usageError)
			.setExecutionExceptionHandler((ex, failed, parseResult) -> {
				if (ex instanceof UsageException) {
					return usageError(failed, ex.getMessage());
				}
				if (ex instanceof CommandFailedException || ex instanceof UncheckedIOException) {
					this.terminal.err().println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
					return ExitStatus.FAILED;
				}
				throw ex;
			});
		return commandLine.execute(args);
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "expected: db provision|check");
	}

	/**
	 * Colour only when both the tool's output and a terminal are the real ones (and
	 * picocli's checks agree).
	 */
	private Help.Ansi colour() {
		boolean system = this.terminal.out() == System.out && this.terminal.err() == System.err;
		return (system && System.console() != null) ? Help.Ansi.AUTO : Help.Ansi.OFF;
	}

	private int usageError(ParameterException ex, String[] args) {
		return usageError(ex.getCommandLine(), describe(ex));
	}

	private int usageError(CommandLine failed, String problem) {
		this.terminal.err().println("storefront: " + problem);
		failed.usage(this.terminal.err(), failed.getColorScheme());
		return ExitStatus.USAGE;
	}

	/**
	 * picocli's message in the tool's own words: {@code unknown option: --jsn},
	 * {@code unknown command: db frob}.
	 */
	private static String describe(ParameterException ex) {
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			if (argument.startsWith("-")) {
				return "unknown option: " + argument.replaceFirst("=.*$", "");
			}
			if (!unmatched.getCommandLine().getSubcommands().isEmpty()) {
				return "unknown command: " + unmatched.getCommandLine().getCommandName() + " " + argument;
			}
			return "unexpected argument: " + argument;
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
			return missing.getMissing()
				.stream()
				.map((argument) -> (argument instanceof OptionSpec option) ? option.longestName()
						: argument.paramLabel())
				.collect(Collectors.joining(", ")) + " is required";
		}
		String message = ex.getMessage();
		return (message == null || message.isEmpty()) ? "wrong usage"
				: Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

	/** {@code storefront db}: only a parent of {@code provision} and {@code check}. */
	@Command(name = "db", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
			synopsisHeading = "usage: ", commandListHeading = "%nCommands:%n",
			description = "Provision the services' databases and roles, or check their connections.")
	static final class Db implements Runnable {

		@Spec
		CommandSpec spec;

		@Override
		public void run() {
			throw new ParameterException(this.spec.commandLine(), "expected: db provision|check");
		}

	}

}
