package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./storefront} itself: what it prints for help, how it exits without a command or
 * on one it does not know, that a command's help answers without building, and that a
 * build keeps out of a command's stdout and its exit statuses.
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

	/** Nothing is built or started: the options are refused before anything else. */
	@ParameterizedTest(name = "bench {0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					--frob          | unknown option: --frob
					--duration abc  | --duration must be a whole number of seconds of at least 1 (got "abc")
					--warmup 0      | --warmup must be a whole number of seconds of at least 1 (got "0")
					--connections 1,x | --connections must be a whole number of at least 1 (got "x")
					--connections 1,0 | --connections must be a whole number of at least 1 (got "0")
					--users 0       | --users must be a whole number of at least 1 (got "0")
					--products 1e3  | --products must be a whole number (got "1e3")
					--base-port 70000 | --base-port must be a TCP port up to 65532 (got "70000")
					--pg-port 0     | --pg-port must be a TCP port (got "0")
					--duration      | --duration needs a value
					--rows nosuch   | --rows must name rows among health health_detailed health_with_monitor product_by_id product_search cart_get cart_add (got "nosuch")
					--health-service db | --health-service must be auth, product or cart (got "db")
					""")
	void aBenchOptionItCannotUseIsAUsageErrorWithExitCodeTwo(String arguments, String error) throws Exception {
		List<String> command = new ArrayList<>(List.of("bench"));
		command.addAll(List.of(arguments.split(" ")));
		Run run = run(Map.of("STOREFRONT_SKIP_BUILD", "1"), Machine.projectRoot(), command.toArray(String[]::new));

		assertThat(run.status()).as(run.stderr()).isEqualTo(2);
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).startsWith("bench: error: " + error)
			.endsWith("run './storefront bench --help' for the options\n");
	}

	/** Quoted as the services quote a refused setting, so that nothing or spaces show. */
	@Test
	void aRefusedValueIsQuoted() throws Exception {
		Run bench = run(Map.of("STOREFRONT_SKIP_BUILD", "1"), Machine.projectRoot(), "bench", "--duration", "5 s");
		Run version = run("version", "", "a b");

		assertThat(bench.status()).isEqualTo(2);
		assertThat(bench.stderr())
			.startsWith("bench: error: --duration must be a whole number of seconds of at least 1 (got \"5 s\")\n");
		assertThat(version.status()).isEqualTo(2);
		assertThat(version.stderr()).isEqualTo("storefront: version takes no arguments (got \"\" \"a b\")\n");
	}

	/**
	 * One line whatever the refused word holds, its control characters written as the
	 * tools write them (ToolCommandLine): a line break would split the line a script
	 * reads, an escape sequence drive the terminal.
	 */
	@Test
	void aRefusalStaysOneLineWhateverTheWordItQuotesHolds() throws Exception {
		Run unknown = run("frob\nrm -rf /\u001b[31m");
		Run build = run("build", "a\tb\nc");

		assertThat(unknown.status()).isEqualTo(2);
		assertThat(unknown.stderr()).endsWith("\nstorefront: unknown command: frob\\nrm -rf /\\u001B[31m\n");
		assertThat(build.status()).isEqualTo(2);
		assertThat(build.stderr()).isEqualTo("storefront: build takes no arguments (got \"a\\tb\\nc\")\n");
	}

	/**
	 * A copy of the script with no build stamp and no Maven project beside it: anything
	 * that tried to build there would fail.
	 */
	@Test
	void aCommandsHelpAnswersFromTheJarThereIsWithoutBuilding(@TempDir Path copy) throws Exception {
		Path root = copyWithCliJar(copy);
		Files.createDirectories(copy.resolve("bench/lib"));
		try (Stream<Path> scripts = Stream.concat(Stream.of(root.resolve("bench/run.sh")),
				Files.list(root.resolve("bench/lib")))) {
			for (Path script : scripts.toList()) {
				Path relative = root.relativize(script);
				Files.copy(script, copy.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
			}
		}

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

	/**
	 * A copy whose sources are newer than its (absent) build stamp, built by a Maven
	 * wrapper that prints what Maven prints and leaves the real jar in place: the
	 * progress must not end up in {@code db check --json}'s stdout.
	 */
	@Test
	void theBuildsProgressGoesToStderrSoTheJsonReportStaysJson(@TempDir Path copy) throws Exception {
		copyWithCliJar(copy);
		mavenWrapper(copy, "[INFO] Building Storefront 1.0.0 [1/12]", "[INFO] BUILD SUCCESS", 0);

		Run check = run(copy, "db", "check", "--json", "--env-dir", copy.toString());

		assertThat(check.status()).as(check.stderr()).isEqualTo(1);
		assertThat(JsonMapper.builder().build().readTree(check.stdout()).path("env_dir").asString())
			.isEqualTo(copy.toString());
		assertThat(check.stderr()).contains("storefront: building (Java ", "  Building Storefront 1.0.0 [1/12]");
	}

	@Test
	void aFailedBuildIsExitCodeFourWhichNoCommandUses(@TempDir Path copy) throws Exception {
		copyWithCliJar(copy);
		mavenWrapper(copy, "[ERROR] cannot find symbol", "[INFO] BUILD FAILURE", 1);

		Run check = run(copy, "db", "check", "--json", "--env-dir", copy.toString());

		assertThat(check.status()).isEqualTo(4);
		assertThat(check.stdout()).isEmpty();
		assertThat(check.stderr()).contains("[ERROR] cannot find symbol", "storefront: build failed; see ");
	}

	/**
	 * A file the last build read that is gone (a checkout of an older commit) makes the
	 * jars stale, and the build starts with {@code clean}: Maven would otherwise leave
	 * what it built from the file, a migration the checkout no longer has, in the jar.
	 */
	@Test
	void aRemovedSourceIsABuildFromCleanFolders(@TempDir Path copy) throws Exception {
		copyWithCliJar(copy);
		Path migration = copy.resolve("demo-service/src/main/resources/db/migration/V9__later.sql");
		Files.createDirectories(migration.getParent());
		Files.writeString(migration, "SELECT 1;\n");
		Path calls = recordingMavenWrapper(copy, List.of("storefront-launcher/target/storefront-launcher.jar",
				"storefront-console/target/storefront-console.jar"));

		run(copy, "db", "check", "--json", "--env-dir", copy.toString());
		run(copy, "db", "check", "--json", "--env-dir", copy.toString());
		Files.delete(migration);
		run(copy, "db", "check", "--json", "--env-dir", copy.toString());

		assertThat(Files.readAllLines(calls)).as("the first build, none while nothing changed, then one from clean")
			.containsExactly("-B -ntp -DskipTests package", "-B -ntp -DskipTests clean package");
	}

	/**
	 * A service module of the root pom whose jar a build did not leave keeps the jars
	 * stale: the script takes the service jars from the pom's modules, so a new service
	 * is checked with no change to the script.
	 */
	@Test
	void aServiceModuleWithoutItsJarIsABuildAgain(@TempDir Path copy) throws Exception {
		copyWithCliJar(copy);
		Files.writeString(copy.resolve("pom.xml"),
				"<project>\n    <modules>\n        <module>demo-service</module>\n    </modules>\n</project>\n");
		// every jar but demo-service's: a script with its own list of services would not
		// look for it
		Path calls = recordingMavenWrapper(copy,
				List.of("auth-service/target/auth-service.jar", "product-service/target/product-service.jar",
						"cart-service/target/cart-service.jar", "storefront-launcher/target/storefront-launcher.jar",
						"storefront-console/target/storefront-console.jar"));

		run(copy, "db", "check", "--json", "--env-dir", copy.toString());
		run(copy, "db", "check", "--json", "--env-dir", copy.toString());

		assertThat(Files.readAllLines(calls)).as("demo-service/target/demo-service.jar is missing after each build")
			.containsExactly("-B -ntp -DskipTests package", "-B -ntp -DskipTests package");
	}

	@Test
	void buildTakesNoArgumentsAndSaysSoWithExitCodeTwo() throws Exception {
		Run run = run("build", "--skip-tests");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stderr()).isEqualTo("storefront: build takes no arguments (got \"--skip-tests\")\n");
	}

	@ParameterizedTest(name = "{0} --frob")
	@CsvSource({ "java-home", "version", "help" })
	void aCommandWithoutOptionsRefusesOneWithExitCodeTwo(String command) throws Exception {
		Run run = run(command, "--frob");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.stdout()).isEmpty();
		assertThat(run.stderr()).isEqualTo("storefront: " + command + " takes no arguments (got \"--frob\")\n");
	}

	@ParameterizedTest(name = "{0} --help")
	@CsvSource({ "java-home", "version" })
	void aCommandWithoutOptionsAnswersHelpWithItsLineOfTheUsage(String command) throws Exception {
		Run run = run(command, "--help");

		assertThat(run.status()).isZero();
		assertThat(run.stdout()).startsWith("usage: ./storefront " + command + "  ").doesNotContain("\n  ");
	}

	/**
	 * Copies the script and the command-line tool's jar, with no build stamp: a command
	 * other than a help builds there.
	 * @return the project root they were copied from
	 */
	private static Path copyWithCliJar(Path copy) throws IOException {
		Path root = Machine.projectRoot();
		Files.copy(root.resolve("storefront"), copy.resolve("storefront"), StandardCopyOption.COPY_ATTRIBUTES);
		Path cliJar = Path.of("storefront-cli/target/storefront-cli.jar");
		Files.createDirectories(copy.resolve(cliJar).getParent());
		Files.copy(root.resolve(cliJar), copy.resolve(cliJar));
		return root;
	}

	/**
	 * A Maven wrapper that records its arguments and leaves these jars, as a build would.
	 * @return the file of its recorded calls, one line each
	 */
	private static Path recordingMavenWrapper(Path copy, List<String> jars) throws IOException {
		Path calls = copy.resolve("mvnw.calls");
		StringBuilder wrapper = new StringBuilder("#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
		for (String jar : jars) {
			wrapper.append("mkdir -p '")
				.append(copy.resolve(jar).getParent())
				.append("' && touch '")
				.append(copy.resolve(jar))
				.append("'\n");
		}
		wrapper.append("echo '[INFO] BUILD SUCCESS'\n");
		Path mavenWrapper = copy.resolve("mvnw");
		Files.writeString(mavenWrapper, wrapper.toString());
		Files.setPosixFilePermissions(mavenWrapper, PosixFilePermissions.fromString("rwx------"));
		return calls;
	}

	/** A Maven wrapper that prints these lines and exits with this status. */
	private static void mavenWrapper(Path copy, String line, String outcome, int status) throws IOException {
		Path mavenWrapper = copy.resolve("mvnw");
		Files.writeString(mavenWrapper,
				"#!/bin/sh\necho '" + line + "'\necho '" + outcome + "'\nexit " + status + "\n");
		Files.setPosixFilePermissions(mavenWrapper, PosixFilePermissions.fromString("rwx------"));
	}

	private static Run run(String... arguments) throws IOException, InterruptedException {
		return run(Machine.projectRoot(), arguments);
	}

	private static Run run(Path root, String... arguments) throws IOException, InterruptedException {
		return run(Map.of(), root, arguments);
	}

	private static Run run(Map<String, String> environment, Path root, String... arguments)
			throws IOException, InterruptedException {
		String[] command = new String[arguments.length + 1];
		command[0] = root.resolve("storefront").toString();
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("./storefront answered").isTrue();
		return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private record Run(int status, String stdout, String stderr) {
	}

}
