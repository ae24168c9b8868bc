package io.storefront.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.storefront.cli.CliVersion;
import io.storefront.cli.ServiceWords;
import io.storefront.cli.Terminal;
import io.storefront.cli.ToolCommandLine;

/**
 * {@code storefront up}: the dev launcher's entry point. Exit status 0 after a clean
 * stop, 1 on failure, 2 on wrong usage; errors as every tool's (see
 * {@link ToolCommandLine}).
 */
@Command(name = "storefront", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		synopsisHeading = "usage: ", descriptionHeading = "%n", optionListHeading = "%n",
		commandListHeading = "%nCommands:%n", description = "The dev launcher: runs everything on this machine.")
public final class StorefrontLauncher implements Runnable {

	@Spec
	CommandSpec spec;

	private final Terminal terminal;

	private final StopSignal stop;

	public StorefrontLauncher(Terminal terminal, StopSignal stop) {
		this.terminal = terminal;
		this.stop = stop;
	}

	public static void main(String[] args) {
		StopSignal stop = StopSignal.install();
		System.exit(new StorefrontLauncher(Terminal.system(), stop).run(args));
	}

	public int run(String... args) {
		return ToolCommandLine.configure(commandLine(ServiceWords.KNOWN), this.terminal, "storefront up").execute(args);
	}

	/**
	 * @param services the services the help texts name
	 */
	CommandLine commandLine(ServiceWords services) {
		return new CommandLine(this).addSubcommand(new UpCommandLine(this.terminal, this.stop))
			.setResourceBundle(UpCommandLine.helpVariables(services));
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "expected: up [options]");
	}

}
