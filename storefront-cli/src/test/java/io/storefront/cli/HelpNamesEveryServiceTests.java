package io.storefront.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help of {@code db provision} and {@code db check} names the services of
 * {@link KnownServices}, whichever they are: one more is named as the others, and none is
 * named by hand.
 */
class HelpNamesEveryServiceTests {

	private static final ServiceWords ONE_MORE = new ServiceWords(Stream
		.concat(KnownServices.ALL.stream(),
				Stream.of(new ServiceIdentity("extra-service", 8099, "extra_db", "extra_svc")))
		.toList());

	@Test
	void provisionNamesTheDatabaseEnvFileAndHostOfOneMoreService() {
		String help = help(ONE_MORE, "provision");

		assertThat(help).contains("and extra_db with one least-privilege role each", "and extra.env (mode 600)",
				"{service} stands for " + ServiceEnvFiles.shortName(KnownServices.ALL.get(0)) + ", ", ", extra (e.g.",
				"and extra_db in DIR");
		namesEachKnownService(help);
	}

	@Test
	void checkNamesTheEnvFileOfOneMoreService() {
		String help = help(ONE_MORE, "check");

		assertThat(help).contains(" and extra.env) and reports");
		namesEachKnownService(help);
	}

	@Test
	void eachKnownServiceIsNamed() {
		String provision = help(ServiceWords.KNOWN, "provision");
		String check = help(ServiceWords.KNOWN, "check");

		namesEachKnownService(provision);
		namesEachKnownService(check);
	}

	private static void namesEachKnownService(String help) {
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThat(help).contains(ServiceEnvFiles.fileName(service));
		}
	}

	private static String help(ServiceWords services, String command) {
		// wide enough for no line to break, as picocli does after a dot ("extra. env")
		CommandLine commandLine = new StorefrontCli(quietTerminal()).commandLine(services).setUsageHelpWidth(1000);
		return oneLine(
				commandLine.getSubcommands().get("db").getSubcommands().get(command).getUsageMessage(Help.Ansi.OFF));
	}

	private static String oneLine(String help) {
		return help.replaceAll("\\s+", " ");
	}

	private static Terminal quietTerminal() {
		PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
		return new Terminal(nowhere, nowhere, Map.<String, String>of()::get);
	}

}
