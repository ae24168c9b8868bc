package io.storefront.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.cli.Terminal;
import io.storefront.db.config.KnownServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpCommandLineTests {

	@Test
	void theStartupCacheIsOnUnlessTheOptionOrTheVariableTurnsItOff() {
		assertThat(parse(Map.of(), "--state-dir", "/tmp/s").aotCache()).isTrue();
		assertThat(parse(Map.of(), "--no-aot-cache").aotCache()).isFalse();
		assertThat(parse(Map.of("STOREFRONT_AOT_CACHE", "off")).aotCache()).isFalse();
		assertThat(parse(Map.of("STOREFRONT_AOT_CACHE", "OFF")).aotCache()).isFalse();
		assertThat(parse(Map.of("STOREFRONT_AOT_CACHE", "on")).aotCache()).isTrue();
		assertThat(parse(Map.of("STOREFRONT_AOT_CACHE", "")).aotCache()).isTrue();
	}

	@Test
	void aSwitchVariableThatSaysNeitherOnNorOffIsAUsageErrorNotOn() {
		for (String variable : new String[] { "STOREFRONT_AOT_CACHE", "STOREFRONT_CONSOLE" }) {
			assertThatThrownBy(() -> parse(Map.of(variable, "disabled"))).as(variable)
				.isInstanceOf(io.storefront.cli.UsageException.class)
				.hasMessage(variable + " must be on or off (also true/false, yes/no, 1/0; got \"disabled\")");
		}
		assertThat(parse(Map.of("STOREFRONT_CONSOLE", "yes")).consolePort()).hasValue(8000);
	}

	/** Quoted as the services quote a refused setting, so that its spaces show. */
	@Test
	void aRefusedValueIsQuoted() {
		assertThatThrownBy(() -> parse(Map.of(), "--timeout", " 5 s"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--timeout must be a whole number of seconds of at least 1 (got \" 5 s\")");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_PG_PORT", "54 32 ")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_PG_PORT must be a TCP port (got \"54 32 \")");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_CONSOLE", "of f")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_CONSOLE must be on or off (also true/false, yes/no, 1/0; got \"of f\")");
	}

	@Test
	void aConsolePortWithNoConsoleIsAUsageError() {
		assertThatThrownBy(() -> parse(Map.of(), "--no-console", "--console-port", "9100"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--console-port and --no-console contradict each other: give one of them");
		assertThat(parse(Map.of("STOREFRONT_CONSOLE_PORT", "9100"), "--no-console").consolePort()).isEmpty();
	}

	@Test
	void twoThingsOnOnePortAreAUsageErrorBeforeAnythingStarts() {
		assertThatThrownBy(() -> parse(Map.of(), "--base-port", "9750", "--console-port", "9751"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("port 9751 is asked for twice, by auth-service and storefront-console; choose");
		assertThatThrownBy(() -> parse(Map.of(), "--base-port", "9750", "--pg-port", "9752"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("port 9752 is asked for twice, by product-service and PostgreSQL; choose");
		// every service, PostgreSQL and the console
		assertThat(parse(Map.of(), "--base-port", "9750", "--console-port", "9750").ports())
			.hasSize(KnownServices.ALL.size() + 2);
	}

	/**
	 * Digits 0-9 only, as the services read their PORT: {@code Integer.parseInt} alone
	 * reads fullwidth or Arabic-Indic digits as a number.
	 */
	@Test
	void aPortOrTimeoutInOtherDigitsIsRefused() {
		assertThatThrownBy(() -> parse(Map.of(), "--base-port", "\uFF19\uFF10\uFF10\uFF10"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("--base-port must be a TCP port");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_PG_PORT", "\u0665\u0664\u0663\u0662")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("STOREFRONT_PG_PORT must be a TCP port");
		assertThatThrownBy(() -> parse(Map.of(), "--timeout", "\uFF16\uFF10"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("--timeout must be a whole number");
	}

	/**
	 * A number with white space around it, or a sign, is refused as any other character
	 * in it is, whether the option or its variable gave it: a script that quotes a value
	 * wrongly hears of it, as {@code db provision} and {@code db check} say it.
	 */
	@Test
	void aNumberWithWhiteSpaceAroundItOrASignIsRefused() {
		Map<String, String> options = Map.of("--pg-port", "STOREFRONT_PG_PORT", "--base-port", "STOREFRONT_BASE_PORT",
				"--console-port", "STOREFRONT_CONSOLE_PORT", "--pgbouncer-port", "STOREFRONT_PGBOUNCER_PORT",
				"--timeout", "STOREFRONT_START_TIMEOUT", "--replicas", "STOREFRONT_REPLICAS");
		options.forEach((option, variable) -> {
			for (String bad : new String[] { " 2", "2 ", "\t2", "2\n", "+2" }) {
				// two replicas, so that a PgBouncer port is taken
				assertThatThrownBy(() -> parse(Map.of("STOREFRONT_REPLICAS", "2"), option + "=" + bad))
					.as(option + "=" + bad)
					.isInstanceOf(io.storefront.cli.UsageException.class)
					.hasMessageMatching("\\Q" + option + "\\E must be .* \\(got \"\\Q" + bad + "\\E\"\\)");
			}
			for (String bad : new String[] { " 2", "2 ", "   ", "+2" }) {
				Map<String, String> environment = new HashMap<>(Map.of("STOREFRONT_REPLICAS", "2"));
				environment.put(variable, bad);
				assertThatThrownBy(() -> parse(environment)).as(variable + "=" + bad)
					.isInstanceOf(io.storefront.cli.UsageException.class)
					.hasMessageMatching("\\Q" + variable + "\\E must be .* \\(got \"\\Q" + bad + "\\E\"\\)");
			}
		});
	}

	@Test
	void theBasePortLeavesRoomForEveryServicesPort() {
		int highest = 65535 - KnownServices.ALL.size();

		UpOptions options = parse(Map.of(), "--base-port", Integer.toString(highest));
		assertThat(options.servicePort(KnownServices.ALL.size() - 1)).isEqualTo(65535);
		assertThatThrownBy(() -> parse(Map.of(), "--base-port", Integer.toString(highest + 1)))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--base-port must be a TCP port up to " + highest + " (got \"" + (highest + 1) + "\")");
	}

	@Test
	void thePortOfTheEmbeddedServerIsRefusedWithAnExternalOne() {
		assertThatThrownBy(() -> parse(Map.of("PGPASSWORD", "secret"), "--database-admin-url",
				"postgresql://postgres@db.example:5432/postgres", "--pg-port", "55432"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("--pg-port is the embedded PostgreSQL's port");
	}

	@Test
	void servicesListenOnLoopbackUnlessTold() {
		assertThat(parse(Map.of()).listen().address()).isEqualTo("127.0.0.1");
		assertThat(parse(Map.of(), "--listen", "0.0.0.0").listen().address()).isEqualTo("0.0.0.0");
		assertThat(parse(Map.of("STOREFRONT_LISTEN", "::1")).listen().address()).isEqualTo("::1");
	}

	/**
	 * Quoted as every other refused value of up, and named as the variable when that gave
	 * it.
	 */
	@Test
	void aRefusedListenAddressIsQuotedAndNamedWhereItCameFrom() {
		assertThatThrownBy(() -> parse(Map.of(), "--listen", " no-such-host.invalid"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--listen must be an IP address or a host name this machine can resolve"
					+ " (got \" no-such-host.invalid\")");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_LISTEN", "192.0.2.1 ")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_LISTEN must be 127.0.0.1, 0.0.0.0 or an address of one of this machine's"
					+ " interfaces, where the services can listen (got \"192.0.2.1 \")");
		assertThatThrownBy(() -> parse(Map.of(), "--listen", "[]")).isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--listen must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0 (got \"[]\")");
	}

	@Test
	void theStartTimeoutComesFromTheOptionThenTheVariableAndBoundsTraining() {
		assertThat(parse(Map.of()).startTimeout()).isEqualTo(java.time.Duration.ofSeconds(180));
		assertThat(parse(Map.of("STOREFRONT_START_TIMEOUT", "900")).startTimeout())
			.isEqualTo(java.time.Duration.ofSeconds(900));
		assertThat(parse(Map.of("STOREFRONT_START_TIMEOUT", "900"), "--timeout", "60").startTimeout())
			.isEqualTo(java.time.Duration.ofSeconds(60));
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_START_TIMEOUT", "soon")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageContaining("STOREFRONT_START_TIMEOUT");
	}

	@Test
	void oneReplicaUnlessTheOptionOrTheVariableSaysMore() {
		assertThat(parse(Map.of()).replicas()).isOne();
		assertThat(parse(Map.of()).replicated()).isFalse();
		assertThat(parse(Map.of(), "--replicas", "3").replicas()).isEqualTo(3);
		assertThat(parse(Map.of("STOREFRONT_REPLICAS", "2")).replicated()).isTrue();
		assertThat(parse(Map.of("STOREFRONT_REPLICAS", "2"), "--replicas", "1").replicas()).isOne();
		assertThat(parse(Map.of()).pgbouncerPort()).isEqualTo(54330);
		assertThat(parse(Map.of("STOREFRONT_PGBOUNCER_PORT", "7432")).pgbouncerPort()).isEqualTo(7432);
	}

	/** A bad value is named where it came from: the option, or the variable. */
	@Test
	void aBadValueFromAVariableNamesTheVariable() {
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_REPLICAS", "0")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_REPLICAS must be a whole number from 1 to 9 (got \"0\")");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_REPLICAS", "0"), "--replicas", "10"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--replicas must be a whole number from 1 to 9 (got \"10\")");
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_PG_PORT", "70000")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_PG_PORT must be a TCP port (got \"70000\")");
		assertThatThrownBy(() -> parse(Map.of(), "--base-port", "65534"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessageStartingWith("--base-port must be a TCP port up to");
	}

	@Test
	void thePgbouncerPortOptionNeedsReplicasTheVariableDoesNot() {
		assertThat(parse(Map.of(), "--replicas", "2", "--pgbouncer-port", "55201").pgbouncerPort()).isEqualTo(55201);
		assertThat(parse(Map.of("STOREFRONT_REPLICAS", "2"), "--pgbouncer-port", "55201").pgbouncerPort())
			.isEqualTo(55201);
		assertThat(parse(Map.of("STOREFRONT_PGBOUNCER_PORT", "7432")).replicas()).isOne();
		assertThatThrownBy(() -> parse(Map.of(), "--pgbouncer-port", "55201"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--pgbouncer-port needs --replicas N above 1 (one replica runs no PgBouncer)");
		assertThatThrownBy(() -> parse(Map.of(), "--replicas", "1", "--pgbouncer-port", "55201"))
			.isInstanceOf(io.storefront.cli.UsageException.class);
	}

	@Test
	void portZeroOrBelowIsAUsageErrorForEveryPortOption() {
		for (String option : new String[] { "--pg-port", "--base-port", "--console-port", "--pgbouncer-port" }) {
			for (String bad : new String[] { "0", "-1" }) {
				assertThatThrownBy(() -> parse(Map.of(), "--replicas", "2", option + "=" + bad)).as(option + " " + bad)
					.isInstanceOf(io.storefront.cli.UsageException.class)
					.hasMessageStartingWith(option + " must be a TCP port")
					.hasMessageEndingWith("(got \"" + bad + "\")");
			}
		}
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_PG_PORT", "0")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_PG_PORT must be a TCP port (got \"0\")");
		assertThat(parse(Map.of(), "--pg-port=1", "--base-port=2", "--console-port=10").postgresPort()).isOne();
	}

	@Test
	void replicaRListensOnBasePlusTenTimesTheServicePlusR() {
		UpOptions options = parse(Map.of(), "--replicas", "2", "--base-port", "8000");

		assertThat(options.replicaPort(0, 1)).isEqualTo(8011);
		assertThat(options.replicaPort(2, 2)).isEqualTo(8032);
		assertThatThrownBy(() -> parse(Map.of(), "--replicas", "9", "--base-port", "65500"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--base-port must be a TCP port up to " + (65535 - 10 * KnownServices.ALL.size() - 9)
					+ " (got \"65500\")");
	}

	@Test
	void aReplicaCountOutsideOneToNineIsOneLine() {
		for (String bad : new String[] { "0", "10", "abc", "2.5" }) {
			assertThatThrownBy(() -> parse(Map.of(), "--replicas", bad)).as(bad)
				.isInstanceOf(io.storefront.cli.UsageException.class)
				.hasMessage("--replicas must be a whole number from 1 to 9 (got \"" + bad + "\")");
		}
	}

	@Test
	void theConsoleRunsOnTheBasePortUnlessToldOtherwiseOrNotAtAll() {
		assertThat(parse(Map.of()).consolePort()).hasValue(8000);
		assertThat(parse(Map.of(), "--base-port", "9000").consolePort()).hasValue(9000);
		assertThat(parse(Map.of("STOREFRONT_CONSOLE_PORT", "9100"), "--base-port", "9000").consolePort())
			.hasValue(9100);
		assertThat(parse(Map.of("STOREFRONT_CONSOLE_PORT", "9100"), "--console-port", "9200").consolePort())
			.hasValue(9200);
		assertThat(parse(Map.of(), "--no-console").consolePort()).isEmpty();
		assertThat(parse(Map.of("STOREFRONT_CONSOLE", "off")).consolePort()).isEmpty();
		assertThatThrownBy(() -> parse(Map.of(), "--console-port", "99999"))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--console-port must be a TCP port (got \"99999\")");
	}

	@Test
	void anOptionGivenEmptyIsAUsageError() {
		assertThatThrownBy(() -> parse(Map.of(), "--state-dir", ""))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--state-dir needs a value");
		assertThatThrownBy(() -> parse(Map.of(), "--timeout", "0")).isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("--timeout must be a whole number of seconds of at least 1 (got \"0\")");
	}

	@Test
	void aStateDirectoryVariableOfSpacesIsAUsageError() {
		assertThatThrownBy(() -> parse(Map.of("STOREFRONT_STATE_DIR", " ")))
			.isInstanceOf(io.storefront.cli.UsageException.class)
			.hasMessage("STOREFRONT_STATE_DIR must name a folder (got \" \")");
		assertThat(parse(Map.of("STOREFRONT_STATE_DIR", "/tmp/s ")).stateDirectory()).hasToString("/tmp/s ");
	}

	@Test
	void anExternalAdminUrlWithoutAPasswordTakesItFromPgpassword() {
		String url = "postgresql://postgres@db.example:5432/postgres";

		assertThat(parse(Map.of("PGPASSWORD", "from-env"), "--database-admin-url", url).adminUrl())
			.hasValueSatisfying((admin) -> assertThat(admin.password()).isEqualTo("from-env"));
		assertThat(parse(Map.of("PGPASSWORD", "from-env"), "--database-admin-url",
				"postgresql://postgres:given@db.example:5432/postgres")
			.adminUrl()).hasValueSatisfying((admin) -> assertThat(admin.password()).isEqualTo("given"));
		assertThat(parse(Map.of(), "--state-dir", "/tmp/s").adminUrl()).isEmpty();
		assertThatThrownBy(() -> parse(Map.of(), "--database-admin-url", "mysql://x/y"))
			.hasMessageContaining("--database-admin-url is not a PostgreSQL URL");
	}

	private static UpOptions parse(Map<String, String> environment, String... arguments) {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
		return UpCommandLine.parse(List.of(arguments), new Terminal(stream, stream, environment::get));
	}

}
