package io.storefront.launcher;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import io.storefront.cli.CommandFailedException;
import io.storefront.cli.ExitStatus;
import io.storefront.cli.Options;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;

/**
 * {@code storefront up}: the dev launcher's entry point. Exit status 0 after a clean
 * stop, 1 on failure, 2 on wrong usage.
 */
public final class StorefrontLauncher {

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
		List<String> arguments = Arrays.asList(args);
		if (arguments.isEmpty() || !arguments.get(0).equals("up")) {
			if (Options.wantsHelp(arguments)) {
				this.terminal.out().println(UpOptions.USAGE);
				return ExitStatus.OK;
			}
			return usage("expected: up [options]");
		}
		List<String> rest = arguments.subList(1, arguments.size());
		if (Options.wantsHelp(rest)) {
			this.terminal.out().println(UpOptions.USAGE);
			return ExitStatus.OK;
		}
		try {
			UpOptions options = UpOptions.parse(rest, this.terminal);
			return new UpCommand(options, this.terminal.out(), this.stop, System.getenv()).run();
		}
		catch (UsageException ex) {
			return usage(ex.getMessage());
		}
		catch (LauncherException | CommandFailedException | UncheckedIOException ex) {
			this.terminal.err().println("storefront up: " + ex.getMessage());
			return ExitStatus.FAILED;
		}
	}

	private int usage(String problem) {
		this.terminal.err().println("storefront up: " + problem);
		this.terminal.err().println(UpOptions.USAGE);
		return ExitStatus.USAGE;
	}

}
