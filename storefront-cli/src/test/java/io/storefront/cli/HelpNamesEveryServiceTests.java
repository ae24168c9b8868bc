package io.storefront.cli;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

import io.storefront.cli.testing.CliTestSupport;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help of {@code db provision} and {@code db check} names the services of
 * {@link KnownServices}, whichever they are: a fourth one is named as the first three.
 */
class HelpNamesEveryServiceTests {

	private static final ServiceWords FOUR = new ServiceWords(Stream
		.concat(KnownServices.ALL.stream(),
				Stream.of(new ServiceIdentity("review-service", 8004, "review_db", "review_svc")))
		.toList());

	@Test
	void provisionNamesEachDatabaseEnvFileAndHostOfAFourthService() {
		assertThat(help(FOUR, "provision")).contains("Creates auth_db, product_db, cart_db and review_db with",
				"writes auth.env, product.env, cart.env and review.env (mode 600)",
				"{service} stands for auth, product, cart, review (e.g.",
				"PgBouncer (transaction mode) for auth_db, product_db, cart_db and review_db in DIR");
	}

	@Test
	void checkNamesTheEnvFileOfAFourthService() {
		assertThat(help(FOUR, "check"))
			.contains("each service's settings (auth.env, product.env, cart.env and review.env)");
	}

	@Test
	void theToolsHelpNamesTheKnownServices() {
		String provision = oneLine(CliTestSupport.cli("db", "provision", "--help").out());
		String check = oneLine(CliTestSupport.cli("db", "check", "--help").out());

		assertThat(provision)
			.contains("Creates auth_db, product_db and cart_db with", "{service} stands for auth, product, cart (e.g.")
			.doesNotContain("${");
		assertThat(check).contains("(auth.env, product.env and cart.env)").doesNotContain("${");
	}

	private static String help(ServiceWords services, String command) {
		// wide enough for no line to break, as picocli does after a dot ("review. env")
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
