package io.storefront.cli;

import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.storefront.cli.check.CheckCommand;
import io.storefront.cli.provision.ProvisionCommand;

/**
 * {@code storefront db provision|check}: plain Java and picocli, no framework, so it
 * starts at once. Errors and exit codes as every tool's: see {@link ToolCommandLine}.
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
		return ToolCommandLine.configure(commandLine(ServiceWords.KNOWN), this.terminal, "storefront").execute(args);
	}

	/**
	 * @param services the services the help texts name
	 */
	CommandLine commandLine(ServiceWords services) {
		CheckCommand check = new CheckCommand(this.terminal, ToolCommandLine.colour(this.terminal));
		return new CommandLine(this)
			.addSubcommand(
					new CommandLine(new Db()).addSubcommand(new ProvisionCommand(this.terminal)).addSubcommand(check))
			.setResourceBundle(helpVariables(services));
	}

	/** What the help texts of {@code db provision} and {@code db check} take. */
	private static HelpVariables helpVariables(ServiceWords services) {
		return new HelpVariables(Map.of("services.names", services.names(", "), "services.databases",
				services.databases(" and "), "services.env-files", services.envFiles(" and ")));
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "expected: db provision|check");
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
