package io.storefront.cli;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import io.storefront.cli.check.CheckCommand;
import io.storefront.cli.provision.ProvisionCommand;

/** {@code storefront db provision|check}: plain Java, no framework, so it starts at once. */
public final class StorefrontCli {

	static final String USAGE = """
			usage: storefront db provision --admin-url URL [--out DIR] [--rotate] [--pgbouncer DIR]
			       storefront db check [--env-dir DIR] [--http] [--json] [--replicas N] [--pgbouncer DIR]
			Run a command with --help for its options.""";

	private final Terminal terminal;

	public StorefrontCli(Terminal terminal) {
		this.terminal = terminal;
	}

	public static void main(String[] args) {
		System.exit(new StorefrontCli(Terminal.system()).run(args));
	}

	public int run(String... args) {
		List<String> arguments = Arrays.asList(args);
		if (arguments.size() < 2 || !arguments.get(0).equals("db")) {
			return usage(Options.wantsHelp(arguments) ? null : "expected: db provision|check", USAGE);
		}
		String command = arguments.get(1);
		List<String> rest = arguments.subList(2, arguments.size());
		String usage = switch (command) {
			case "provision" -> ProvisionCommand.USAGE;
			case "check" -> CheckCommand.USAGE;
			default -> null;
		};
		if (usage == null) {
			return usage("unknown command: db " + command, USAGE);
		}
		if (Options.wantsHelp(rest)) {
			this.terminal.out().println(usage);
			return ExitStatus.OK;
		}
		try {
			return command.equals("provision") ? new ProvisionCommand(this.terminal).run(rest)
					: new CheckCommand(this.terminal).run(rest);
		}
		catch (UsageException ex) {
			return usage(ex.getMessage(), usage);
		}
		catch (CommandFailedException | UncheckedIOException ex) {
			this.terminal.err().println("storefront db " + command + ": " + ex.getMessage());
			return ExitStatus.FAILED;
		}
	}

	private int usage(String problem, String usage) {
		if (problem == null) {
			this.terminal.out().println(usage);
			return ExitStatus.OK;
		}
		this.terminal.err().println("storefront: " + problem);
		this.terminal.err().println(usage);
		return ExitStatus.USAGE;
	}

}
