package io.storefront.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help;

import io.storefront.cli.ServiceWords;
import io.storefront.cli.Terminal;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code up --help} names the services of {@link KnownServices} and their ports,
 * whichever they are: a fourth one is named as the first three.
 */
class UpHelpNamesEveryServiceTests {

	private static final ServiceWords FOUR = new ServiceWords(Stream
		.concat(KnownServices.ALL.stream(),
				Stream.of(new ServiceIdentity("review-service", 8004, "review_db", "review_svc")))
		.toList());

	@Test
	void aFourthServiceIsNamedWithItsPortAndItsReplicasPorts() {
		assertThat(help(FOUR)).contains("runs auth (8001), product (8002), cart (8003) and review (8004) and the",
				"services on N+1, N+2, N+3, N+4 (default 8000",
				"replica r of each on base+10+r, base+20+r, base+30+r, base+40+r, all through");
	}

	@Test
	void theKnownServicesAreNamedWithTheirPorts() {
		assertThat(help(ServiceWords.KNOWN))
			.contains("runs auth (8001), product (8002) and cart (8003) and the", "services on N+1, N+2, N+3 (default",
					"each on base+10+r, base+20+r, base+30+r, all")
			.doesNotContain("${");
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
