package io.storefront.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.testing.CliTestSupport;
import io.storefront.cli.testing.CliTestSupport.Run;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line itself: generated help, the version, usage errors, no colour off a
 * terminal.
 */
class CommandLineTests {

	@Test
	void helpOfACommandIsGeneratedFromItsOptionsWithTheExitCodes() {
		Run run = CliTestSupport.cli("db", "check", "--help");

		assertThat(run.status()).isZero();
		assertThat(run.out()).startsWith("usage: storefront db check")
			.contains("--env-dir=DIR", "--replicas=N", "--pgbouncer=DIR", "--json", "-V, --version")
			.doesNotContain("\u001b[");
		assertThat(run.out().replaceAll("\\s+", " ")).contains("Exit status: 0 every check passed; 1 a check failed",
				"2 wrong usage; 3 could not connect", "4 (./storefront) no JDK 21+ or the build failed");
		Run provision = CliTestSupport.cli("db", "provision", "-h");
		assertThat(provision.out()).startsWith("usage: storefront db provision")
			.as("required, so not in brackets")
			.containsPattern("\\s--admin-url=URL\\s")
			.contains("[--pgbouncer=DIR]", "[--pgbouncer-port=PORT]");
		assertThat(provision.out().replaceAll("\\s+", " ")).contains("PGPASSWORD or", "(PGPASSFILE)");
		assertThat(CliTestSupport.cli().err()).contains("storefront: expected: db provision|check", "Commands:", "db");
	}

	@Test
	void versionNamesTheBuild() {
		Run run = CliTestSupport.cli("--version");

		assertThat(run.status()).isZero();
		assertThat(run.out()).matches("storefront \\d+\\.\\d+\\.\\d+.* \\(Java \\d+\\)\\R");
		assertThat(CliTestSupport.cli("db", "check", "--version").out()).isEqualTo(run.out());
	}

	@Test
	void unknownCommandsAndMissingOnesAreUsageErrors() {
		Run unknown = CliTestSupport.cli("db", "frob");
		Run missing = CliTestSupport.cli("db");
		Run notANumber = CliTestSupport.cli("db", "check", "--replicas", "many");
		Run noValue = CliTestSupport.cli("db", "check", "--replicas");

		assertThat(unknown.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(unknown.err()).startsWith("storefront db: unknown command: frob").contains("usage: storefront db");
		assertThat(missing.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(missing.err()).startsWith("storefront db: expected: db provision|check");
		assertThat(notANumber.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(notANumber.err())
			.startsWith("storefront db check: --replicas must be a whole number from 1 to 1000 (got \"many\")\n");
		assertThat(noValue.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(noValue.err()).startsWith("storefront db check: --replicas needs a value");
	}

	@Test
	void aPortThatIsNotANumberIsSaidAsEveryOtherWrongValue(@TempDir Path pgbouncer) {
		Run run = CliTestSupport.cli("db", "provision", "--admin-url", "postgresql://postgres:pw@127.0.0.1:1/postgres",
				"--pgbouncer", pgbouncer.toString(), "--pgbouncer-port", "abc");

		assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(run.err()).startsWith("storefront db provision: --pgbouncer-port must be a port from 1 to 65535"
				+ " (got \"abc\")\nusage: storefront db provision");
	}

	/**
	 * White space around a number is refused as in up, not trimmed: a value quoted
	 * wrongly in a script is said, in one line.
	 */
	@Test
	void aNumberWithWhiteSpaceAroundItIsAUsageError(@TempDir Path pgbouncer) {
		Run port = CliTestSupport.cli("db", "provision", "--admin-url", "postgresql://postgres:pw@127.0.0.1:1/postgres",
				"--pgbouncer", pgbouncer.toString(), "--pgbouncer-port", " 6432");
		Run replicas = CliTestSupport.cli("db", "check", "--replicas", "2 ");

		assertThat(port.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(port.err()).startsWith("storefront db provision: --pgbouncer-port must be a port from 1 to 65535"
				+ " (got \" 6432\")\nusage: storefront db provision");
		assertThat(replicas.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(replicas.err()).startsWith(
				"storefront db check: --replicas must be a whole number from 1 to 1000 (got \"2 \")\nusage: storefront db check");
	}

	/**
	 * An empty folder is the working directory to Java: {@code --out ''} would write the
	 * env files, passwords and all, wherever the command was run. Refused as {@code up}
	 * refuses an empty {@code --state-dir}.
	 */
	@Test
	void aFolderOptionGivenEmptyIsAUsageError() {
		String unreachable = "postgresql://postgres:pw@127.0.0.1:1/postgres";
		Map<String, String[]> runs = Map.of("--env-dir", new String[] { "db", "check", "--env-dir", "" }, "--pgbouncer",
				new String[] { "db", "check", "--pgbouncer", " " }, "--out",
				new String[] { "db", "provision", "--admin-url", unreachable, "--out", "" }, "--pgbouncer ",
				new String[] { "db", "provision", "--admin-url", unreachable, "--pgbouncer", "" });
		runs.forEach((option, arguments) -> {
			Run run = CliTestSupport.cli(arguments);
			String command = "storefront db " + arguments[1];

			assertThat(run.status()).as(String.join(" ", arguments)).isEqualTo(ExitStatus.USAGE);
			assertThat(run.out()).isEmpty();
			assertThat(run.err()).startsWith(command + ": " + option.strip() + " needs a value\nusage: " + command);
		});
	}

	/**
	 * A state folder of spaces is a slip, not a folder to make beside the working
	 * directory; an empty variable is unset, as the shell means it.
	 */
	@Test
	void aStateDirectoryVariableOfSpacesIsAUsageError() {
		Run run = CliTestSupport.cli(Map.of("STOREFRONT_STATE_DIR", "  "), "db", "check");

		assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("storefront db check: STOREFRONT_STATE_DIR must name a folder (got \"  \")\n");
	}

	/**
	 * A refusal quotes the value it refuses; a line break or an escape sequence in it
	 * would split the one line a script reads, or drive the terminal.
	 */
	@Test
	void aRefusalStaysOneLineWhateverTheValueItQuotesHolds(@TempDir Path pgbouncer) {
		Run run = CliTestSupport.cli("db", "provision", "--admin-url", "postgresql://postgres:pw@127.0.0.1:1/postgres",
				"--pgbouncer", pgbouncer.toString(), "--pgbouncer-port", "1\n2\t\u001b[31m");

		assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(run.err()).startsWith("storefront db provision: --pgbouncer-port must be a port from 1 to 65535"
				+ " (got \"1\\n2\\t\\u001B[31m\")\nusage: storefront db provision");
	}

	@Test
	void anEnvFileGivenForItsFolderIsAUsageError(@TempDir Path envDir) throws Exception {
		Path authEnv = Files.writeString(envDir.resolve("auth.env"), "");

		Run run = CliTestSupport.cli("db", "check", "--env-dir", authEnv.toString());

		assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("storefront db check: --env-dir " + authEnv + " is a file, not a folder (give"
				+ " the folder that holds " + ServiceWords.KNOWN.envFiles(" and ") + ")\nusage: storefront db check");
	}

	/**
	 * A folder without PgBouncer's settings is a typo, whether or not this run would have
	 * needed them: it is refused before any check, not accepted in silence.
	 */
	@Test
	void aPgBouncerFolderWithoutItsIniIsAUsageError(@TempDir Path notPgBouncers) throws Exception {
		Run run = CliTestSupport.cli("db", "check", "--env-dir", notPgBouncers.toString(), "--pgbouncer",
				notPgBouncers.resolve("pgbouncr").toString());

		assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("storefront db check: --pgbouncer " + notPgBouncers.resolve("pgbouncr")
				+ " holds no pgbouncer.ini (give the folder db provision --pgbouncer wrote)\nusage: storefront db check");
	}

}
