package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./storefront} itself: what it prints for help and how it exits on a command it
 * does not know.
 */
class FrontDoorScriptTests {

	@Test
	void helpPrintsTheCommandsAndNothingOfTheScript() throws Exception {
		Run run = run("help");

		assertThat(run.status()).isZero();
		assertThat(run.stdout()).startsWith("usage: ./storefront COMMAND")
			.contains("./storefront up", "./storefront test", "./storefront db provision|check", "./storefront bench")
			.doesNotContain("set -euo", "#!", "# ");
	}

	@Test
	void anUnknownCommandIsAUsageErrorWithExitCodeTwo() throws Exception {
		Run run = run("deploy");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).contains("usage: ./storefront COMMAND", "storefront: unknown command: deploy");
	}

	private static Run run(String... arguments) throws IOException, InterruptedException {
		String[] command = new String[arguments.length + 1];
		command[0] = Machine.projectRoot().resolve("storefront").toString();
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("./storefront answered").isTrue();
		return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Run(int status, String stdout, String stderr) {
	}

}
