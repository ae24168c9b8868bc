package io.storefront.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help;

import io.storefront.cli.ServiceWords;
import io.storefront.cli.Terminal;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code up --help} names the services of {@link KnownServices}, their ports and their
 * replicas' ports, whichever they are: one more is named as the others.
 */
class UpHelpNamesEveryServiceTests {

	private static final int KNOWN = KnownServices.ALL.size();

	private static final ServiceWords ONE_MORE = new ServiceWords(Stream
		.concat(KnownServices.ALL.stream(),
				Stream.of(new ServiceIdentity("extra-service", 8099, "extra_db", "extra_svc")))
		.toList());

	@Test
	void oneMoreServiceIsNamedWithItsPortAndItsReplicasPorts() {
		String help = help(ONE_MORE);

		assertThat(help).contains(" and extra (8099) and the status console", ", N+" + (KNOWN + 1) + " (default 8000",
				", base+" + 10 * (KNOWN + 1) + "+r, all through");
		namesEachKnownService(help);
	}

	@Test
	void eachKnownServiceIsNamedWithItsPorts() {
		namesEachKnownService(help(ServiceWords.KNOWN));
	}

	private static void namesEachKnownService(String help) {
		for (int i = 0; i < KNOWN; i++) {
			ServiceIdentity service = KnownServices.ALL.get(i);
			assertThat(help).contains(ServiceEnvFiles.shortName(service) + " (" + service.defaultPort() + ")",
					"N+" + (i + 1), "base+" + 10 * (i + 1) + "+r");
		}
	}

	private static String help(ServiceWords services) {
		PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
		StorefrontLauncher launcher = new StorefrontLauncher(
				new Terminal(nowhere, nowhere, Map.<String, String>of()::get), new StopSignal());
		// wide enough for no line to break, as picocli does after a dot
		return launcher.commandLine(services)
			.setUsageHelpWidth(1000)
			.getSubcommands()
			.get("up")
			.getUsageMessage(Help.Ansi.OFF)
			.replaceAll("\\s+", " ");
	}

}
