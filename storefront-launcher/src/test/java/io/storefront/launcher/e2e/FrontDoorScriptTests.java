package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./storefront} itself: what it prints for help, how it exits without a command or
 * on one it does not know, and that a command's help answers without building.
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
	void versionIsAnswered() throws Exception {
		for (String asked : new String[] { "--version", "-V", "version" }) {
			Run run = run(asked);

			assertThat(run.status()).as(asked).isZero();
			assertThat(run.stdout()).as(asked).startsWith("storefront ").contains(" (Java ");
		}
	}

	@Test
	void noCommandIsAUsageErrorWithExitCodeTwo() throws Exception {
		Run run = run();

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).contains("usage: ./storefront COMMAND", "storefront: no command given");
	}

	@Test
	void anUnknownCommandIsAUsageErrorWithExitCodeTwo() throws Exception {
		Run run = run("deploy");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).contains("usage: ./storefront COMMAND", "storefront: unknown command: deploy");
	}

	/**
	 * A copy of the script with no build stamp and no Maven project beside it: anything
	 * that tried to build there would fail.
	 */
	@Test
	void aCommandsHelpAnswersFromTheJarThereIsWithoutBuilding(@TempDir Path copy) throws Exception {
		Path root = Machine.projectRoot();
		Files.copy(root.resolve("storefront"), copy.resolve("storefront"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createDirectories(copy.resolve("bench/lib"));
		try (Stream<Path> scripts = Stream.concat(Stream.of(root.resolve("bench/run.sh")),
				Files.list(root.resolve("bench/lib")))) {
			for (Path script : scripts.toList()) {
				Path relative = root.relativize(script);
				Files.copy(script, copy.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		Path cliJar = Path.of("storefront-cli/target/storefront-cli.jar");
		Files.createDirectories(copy.resolve(cliJar).getParent());
		Files.copy(root.resolve(cliJar), copy.resolve(cliJar));

		Run check = run(copy, "db", "check", "--help");
		Run bench = run(copy, "bench", "--help");
		Run build = run(copy, "build", "--help");
		Run test = run(copy, "test", "--help");

		assertThat(check.status()).as(check.stderr()).isZero();
		assertThat(check.stdout()).startsWith("usage: storefront db check");
		assertThat(bench.status()).as(bench.stderr()).isZero();
		assertThat(bench.stdout()).startsWith("usage: ./storefront bench");
		assertThat(build.status()).as(build.stderr()).isZero();
		assertThat(build.stdout()).startsWith("usage: ./storefront build");
		assertThat(test.status()).as(test.stderr()).isZero();
		assertThat(test.stdout()).startsWith("usage: ./storefront test");
		assertThat(check.stderr() + bench.stderr() + build.stderr() + test.stderr()).doesNotContain("building");
	}

	@Test
	void buildTakesNoArgumentsAndSaysSoWithExitCodeTwo() throws Exception {
		Run run = run("build", "--skip-tests");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stderr()).contains("storefront: build takes no arguments (got: --skip-tests)");
	}

	private static Run run(String... arguments) throws IOException, InterruptedException {
		return run(Machine.projectRoot(), arguments);
	}

	private static Run run(Path root, String... arguments) throws IOException, InterruptedException {
		String[] command = new String[arguments.length + 1];
		command[0] = root.resolve("storefront").toString();
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
