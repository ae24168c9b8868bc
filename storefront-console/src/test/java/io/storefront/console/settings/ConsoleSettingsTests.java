package io.storefront.console.settings;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;

import io.storefront.console.StorefrontConsoleApplication;
import io.storefront.console.startup.StartupLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad settings stop the start with one line that names the setting and its environment
 * variable.
 */
class ConsoleSettingsTests {

	@TempDir
	Path folder;

	@Test
	void noServicesAtAll() {
		assertThat(startupLine(Map.of())).isEqualTo(
				"storefront.console.services (STOREFRONT_CONSOLE_SERVICES) must name at least one service as name=url, e.g. auth-service=http://127.0.0.1:8001");
	}

	@Test
	void anEntryThatIsNotNameEqualsUrl() {
		assertThat(problem(List.of("auth-service"), "5s", "15s", "45s"))
			.isEqualTo("storefront.console.services (STOREFRONT_CONSOLE_SERVICES): 'auth-service' is not name=url");
	}

	@Test
	void aUrlThatIsNotHttp() {
		assertThat(problem(List.of("auth-service=ftp://host"), "5s", "15s", "45s")).isEqualTo(
				"storefront.console.services (STOREFRONT_CONSOLE_SERVICES): 'ftp://host' is not an http:// or https:// URL with a host");
	}

	@Test
	void aPortNoConnectionCanBeMadeTo() {
		assertThat(problem(List.of("auth-service=http://127.0.0.1:99999"), "5s", "15s", "45s")).isEqualTo(
				"storefront.console.services (STOREFRONT_CONSOLE_SERVICES): 'http://127.0.0.1:99999' names a port outside 1 to 65535");
		assertThat(problem(List.of("auth-service=http://127.0.0.1:0"), "5s", "15s", "45s")).isEqualTo(
				"storefront.console.services (STOREFRONT_CONSOLE_SERVICES): 'http://127.0.0.1:0' names a port outside 1 to 65535");
	}

	/**
	 * The console adds /health to the URL: after a query or fragment it would be neither.
	 */
	@Test
	void aUrlWithAQueryOrAFragment() {
		for (String url : List.of("http://h:8002?x=1", "http://h:8002#top")) {
			assertThat(problem(List.of("auth-service=" + url), "5s", "15s", "45s"))
				.isEqualTo("storefront.console.services (STOREFRONT_CONSOLE_SERVICES): '" + url
						+ "' may not have a query (?…) or a fragment (#…)");
		}
	}

	/**
	 * Credentials would show on the page and in the history; they are not quoted in the
	 * message either, whatever else is wrong with the entry.
	 */
	@Test
	void aUrlWithCredentialsIsRefusedWithoutQuotingThem() {
		assertThat(problem(List.of("auth-service=http://ann:S3cr3tPw@h:8002"), "5s", "15s", "45s"))
			.isEqualTo("storefront.console.services (STOREFRONT_CONSOLE_SERVICES): the URL of service 'auth-service' "
					+ "may not have credentials (user:password@): 'http://…@h:8002'");
		for (String entry : List.of("auth-service=http://ann:S3cr3tPw@h:99999", "auth-service=ftp://ann:S3cr3tPw@h",
				"auth-service=http://ann:S3cr3tPw@h:8002?x=1", "auth-service=http://ann:S3cr3t Pw@h:8002",
				"auth-service=http://ann:S3cr3t@Pw@h:8002", "http://ann:S3cr3tPw@h:8002",
				"auth-service=http://ann:S3cr/3tPw@h:8002", "auth-service=http://ann:S3cr#3t?Pw@h:8002")) {
			assertThat(problem(List.of(entry), "5s", "15s", "45s")).as(entry)
				.startsWith("storefront.console.services (STOREFRONT_CONSOLE_SERVICES): ")
				.doesNotContain("S3cr3t", "ann");
		}
	}

	/**
	 * A token no HTTP header can carry would fail every poll, not the start; the token
	 * itself is never printed.
	 */
	@Test
	void aDetailsTokenNoHeaderCanCarry() {
		Throwable failure = catchThrowable(() -> new ConsoleSettings(List.of("a=http://127.0.0.1:1"),
				Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(15),
				Duration.ofSeconds(45), "s3cr\u20ac t", null, Path.of("h.jsonl")));

		assertThat(failure).isInstanceOf(InvalidConsoleSettingException.class)
			.hasMessage("storefront.console.details-token (STOREFRONT_CONSOLE_DETAILS_TOKEN) "
					+ "has a character an HTTP header cannot carry: use printable ASCII")
			.hasMessageNotContaining("s3cr");
	}

	/**
	 * An access token of only whitespace was meant as one: refused, rather than leaving
	 * the console open, as the services refuse such a HEALTH_DETAILS_TOKEN. An empty one
	 * is none.
	 */
	@ParameterizedTest(name = "access-token=\"{0}\"")
	@ValueSource(strings = { " ", "   ", "\t", " \n " })
	void anAccessTokenOfOnlyWhitespace(String token) {
		Throwable failure = catchThrowable(() -> settings(token));

		assertThat(failure).isInstanceOf(InvalidConsoleSettingException.class)
			.hasMessage("storefront.console.access-token (STOREFRONT_CONSOLE_ACCESS_TOKEN) "
					+ "is only whitespace; set a token, or leave it empty to keep the console open");
		assertThat(settings("").access()).isEmpty();
		assertThat(settings(null).access()).isEmpty();
		assertThat(settings(" let-me-see ").access()).hasValue("let-me-see");
	}

	@Test
	void theSameReplicaTwice() {
		assertThat(problem(List.of("auth-service=http://127.0.0.1:8001", "auth-service=http://127.0.0.1:8001/"), "5s",
				"15s", "45s"))
			.isEqualTo(
					"storefront.console.services (STOREFRONT_CONSOLE_SERVICES): auth-service@http://127.0.0.1:8001 is listed twice");
	}

	@Test
	void aDurationThatIsNotOne() {
		assertThat(startupLine(Map.of("storefront.console.services", "a=http://127.0.0.1:1",
				"storefront.console.poll-interval", "often")))
			.isEqualTo("storefront.console.poll-interval (STOREFRONT_CONSOLE_POLL_INTERVAL) "
					+ "must be a duration such as 500ms, 5s, 2m or PT5S (got \"often\")");
	}

	/**
	 * The real main in a JVM of its own, as an operator starts it: whatever the setting,
	 * and however late it fails (binding, the web server), one line on stderr and status
	 * 1.
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					STOREFRONT_CONSOLE_SERVICES      | ''    | storefront.console.services (STOREFRONT_CONSOLE_SERVICES) must name at least one service as name=url, e.g. auth-service=http://127.0.0.1:8001
					STOREFRONT_CONSOLE_SERVICES      | a=http://u:S3cr3tPw@127.0.0.1:28001 | storefront.console.services (STOREFRONT_CONSOLE_SERVICES): the URL of service 'a' may not have credentials (user:password@): 'http://…@127.0.0.1:28001'
					STOREFRONT_CONSOLE_ACCESS_TOKEN  | '   ' | storefront.console.access-token (STOREFRONT_CONSOLE_ACCESS_TOKEN) is only whitespace; set a token, or leave it empty to keep the console open
					STOREFRONT_CONSOLE_POLL_INTERVAL | 1m    | storefront.console.poll-interval (STOREFRONT_CONSOLE_POLL_INTERVAL) must be at most 30 s, so that every minute the uptime counts holds a sample (got PT1M)
					STOREFRONT_CONSOLE_DOWN_AFTER    | 5s    | storefront.console.down-after (STOREFRONT_CONSOLE_DOWN_AFTER) must be longer than stale-after, PT15S (got PT5S)
					STOREFRONT_CONSOLE_POLL_TIMEOUT  | abc   | storefront.console.poll-timeout (STOREFRONT_CONSOLE_POLL_TIMEOUT) must be a duration such as 500ms, 5s, 2m or PT5S (got "abc")
					PORT                             | abc   | server.port (PORT) must be a port number from 0 to 65535 (got "abc")
					PORT                             | 99999 | server.port (PORT) must be a port number from 0 to 65535 (got "99999")
					PORT                             | -1    | server.port (PORT) must be a port number from 0 to 65535 (got "-1")
					PORT                             | ' 80 80' | server.port (PORT) must be a port number from 0 to 65535 (got " 80 80")
					PORT                             | ２５０１５ | server.port (PORT) must be a port number from 0 to 65535 (got "２５０１５")
					STOREFRONT_CONSOLE_POLL_TIMEOUT  | '5 s' | storefront.console.poll-timeout (STOREFRONT_CONSOLE_POLL_TIMEOUT) must be a duration such as 500ms, 5s, 2m or PT5S (got "5 s")
					""")
	void aBadVariableStopsTheConsoleWithOneLineOnStderrAndStatusOne(String variable, String value, String line)
			throws Exception {
		assertThat(stopLine(Map.of(variable, value))).isEqualTo("storefront-console cannot start: " + line);
	}

	/**
	 * Under a POSIX locale (a bare container, {@code env -i}) the JVM's stderr is ASCII:
	 * the '…' standing for hidden credentials came out as '?', which reads as part of the
	 * URL.
	 */
	@Test
	void theLineIsUtf8UnderAPosixLocaleToo() throws Exception {
		assertThat(stopLine(Map.of("LC_ALL", "C", "LANG", "C", "STOREFRONT_CONSOLE_SERVICES",
				"a=http://u:S3cr3tPw@127.0.0.1:28001")))
			.endsWith("may not have credentials (user:password@): 'http://…@127.0.0.1:28001'");
	}

	@Test
	void aPortAlreadyInUseStopsTheConsoleWithOneLineToo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();

			assertThat(stopLine(Map.of("PORT", Integer.toString(port))))
				.isEqualTo("storefront-console cannot start: server.port (PORT) " + port + " is already in use");
		}
	}

	@Test
	void aHistoryFileInsideAFileStopsTheConsoleSayingSo() throws Exception {
		Path notAFolder = Files.writeString(this.folder.resolve("not-a-folder"), "");
		Path history = notAFolder.resolve("history.jsonl");

		assertThat(stopLine(Map.of("STOREFRONT_CONSOLE_HISTORY_FILE", history.toString())))
			.isEqualTo("storefront-console cannot start: storefront.console.history-file "
					+ "(STOREFRONT_CONSOLE_HISTORY_FILE) cannot be written: " + history + " (" + notAFolder
					+ " is a file, not a folder)");
	}

	/**
	 * A folder, the root folder included, is named as given: not as the web server's own
	 * temporary folder, which is what Spring's conversion of a path made of {@code /}.
	 */
	@Test
	void aHistoryFileThatIsAFolderStopsTheConsoleNamingTheSettingAndThePath() throws Exception {
		String setting = "storefront-console cannot start: storefront.console.history-file "
				+ "(STOREFRONT_CONSOLE_HISTORY_FILE) ";

		assertThat(stopLine(Map.of("STOREFRONT_CONSOLE_HISTORY_FILE", "/")))
			.isEqualTo(setting + "cannot be written: / (a folder, not a file)");
		assertThat(stopLine(Map.of("STOREFRONT_CONSOLE_HISTORY_FILE", this.folder.toString())))
			.isEqualTo(setting + "cannot be written: " + this.folder + " (a folder, not a file)");
		assertThat(stopLine(Map.of("STOREFRONT_CONSOLE_HISTORY_FILE", "")))
			.isEqualTo(setting + "must name a file, e.g. storefront-console-history.jsonl");
	}

	/**
	 * A value Spring cannot convert is quoted as every other refused value, and followed
	 * by the converter's reason (here the resolver's, which differs between systems).
	 */
	@Test
	void anAddressThatIsNoneStopsTheConsoleQuotingIt() throws Exception {
		assertThat(stopLine(Map.of("SERVER_ADDRESS", "no address"))).startsWith(
				"storefront-console cannot start: server.address (SERVER_ADDRESS) is invalid (got \"no address\"): ");
	}

	/** 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine's own address. */
	@Test
	void anAddressThatIsNotTheMachinesStopsTheConsoleWithOneLineToo() throws Exception {
		assertThat(stopLine(Map.of("SERVER_ADDRESS", "192.0.2.1"))).startsWith("storefront-console cannot start: "
				+ "server.port (PORT) 0 at server.address (SERVER_ADDRESS) 192.0.2.1 cannot be listened on: ");
	}

	@Test
	void downBeforeStale() {
		assertThat(problem(List.of("a=http://127.0.0.1:1"), "5s", "30s", "10s")).isEqualTo(
				"storefront.console.down-after (STOREFRONT_CONSOLE_DOWN_AFTER) must be longer than stale-after, PT30S (got PT10S)");
	}

	@Test
	void staleWithinOneInterval() {
		assertThat(problem(List.of("a=http://127.0.0.1:1"), "20s", "15s", "45s")).isEqualTo(
				"storefront.console.stale-after (STOREFRONT_CONSOLE_STALE_AFTER) must be longer than poll-interval, PT20S (got PT15S)");
	}

	/**
	 * At a longer interval a running console would leave minutes without a sample, and
	 * its uptime would read as watched for part of the window however long it ran.
	 */
	@Test
	void anIntervalOfMoreThanHalfAMinute() {
		assertThat(problem(List.of("a=http://127.0.0.1:1"), "31s", "45s", "90s"))
			.isEqualTo("storefront.console.poll-interval (STOREFRONT_CONSOLE_POLL_INTERVAL) "
					+ "must be at most 30 s, so that every minute the uptime counts holds a sample (got PT31S)");
		assertThat(new ConsoleSettings(List.of("a=http://127.0.0.1:1"), Duration.ofSeconds(30), Duration.ofSeconds(4),
				Duration.ofSeconds(1), Duration.ofSeconds(45), Duration.ofSeconds(90), null, null, Path.of("h.jsonl"))
			.pollInterval()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aPollTimeoutTooShortForAnyAnswer() {
		Throwable failure = catchThrowable(() -> new ConsoleSettings(List.of("a=http://127.0.0.1:1"),
				Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(15),
				Duration.ofSeconds(45), null, null, Path.of("h.jsonl")));

		assertThat(failure).isInstanceOf(InvalidConsoleSettingException.class)
			.hasMessage("storefront.console.poll-timeout (STOREFRONT_CONSOLE_POLL_TIMEOUT) must be at least 100 ms"
					+ " (got PT0.05S)");
	}

	@Test
	void replicasShareANameAndTokensAreNeverPrinted() {
		ConsoleSettings settings = new ConsoleSettings(
				List.of("cart-service=http://127.0.0.1:8003", "cart-service=http://127.0.0.1:8013/"),
				Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(15),
				Duration.ofSeconds(45), "details-secret", "access-secret", Path.of("h.jsonl"));

		assertThat(settings.targets()).extracting(ServiceTarget::address)
			.containsExactly("127.0.0.1:8003", "127.0.0.1:8013");
		assertThat(settings.toString()).doesNotContain("details-secret", "access-secret");
	}

	/**
	 * Starts the console's main in a JVM of its own with {@code variables} over a good
	 * start, expects it to stop with status 1, one line on stderr and no stack trace
	 * anywhere, and returns that line.
	 */
	private String stopLine(Map<String, String> variables) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), StorefrontConsoleApplication.class.getName());
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("STOREFRONT_CONSOLE_") || name.startsWith("SERVER_")
					|| name.equals("PORT"));
		builder.environment().put("STOREFRONT_CONSOLE_SERVICES", "auth-service=http://127.0.0.1:1");
		builder.environment().put("STOREFRONT_CONSOLE_HISTORY_FILE", this.folder.resolve("history.jsonl").toString());
		builder.environment().put("PORT", "0");
		builder.environment().putAll(variables);
		Path stdout = this.folder.resolve("stdout.txt");
		Path stderr = this.folder.resolve("stderr.txt");
		builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
		Process console = builder.start();
		try {
			assertThat(console.waitFor(90, TimeUnit.SECONDS)).as("the console should stop, and it runs").isTrue();
		}
		finally {
			console.destroyForcibly();
		}

		String errors = Files.readString(stderr);
		assertThat(console.exitValue()).as(errors).isEqualTo(1);
		assertThat(errors.lines().toList()).as(errors).hasSize(1);
		// Nor a word on stdout about the failure: Tomcat's and Spring's own reports of it
		// (ERROR, WARN, and the hint to re-run with 'debug') would only repeat the line.
		assertThat(Files.readString(stdout)).doesNotContain("\tat ", "APPLICATION FAILED TO START", "with 'debug'")
			.doesNotContainPattern(" (ERROR|WARN) ");
		return errors.strip();
	}

	private static ConsoleSettings settings(String accessToken) {
		return new ConsoleSettings(List.of("a=http://127.0.0.1:1"), Duration.ofSeconds(5), Duration.ofSeconds(4),
				Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(45), null, accessToken,
				Path.of("h.jsonl"));
	}

	private static String problem(List<String> services, String interval, String stale, String down) {
		Throwable failure = catchThrowable(() -> new ConsoleSettings(services, DurationStyle.detectAndParse(interval),
				Duration.ofSeconds(4), Duration.ofSeconds(1), DurationStyle.detectAndParse(stale),
				DurationStyle.detectAndParse(down), null, null, Path.of("h.jsonl")));
		assertThat(failure).isInstanceOf(InvalidConsoleSettingException.class);
		return failure.getMessage();
	}

	/**
	 * The line a start with these properties fails with, through Spring Boot's binding.
	 */
	private static String startupLine(Map<String, Object> properties) {
		Throwable failure = catchThrowable(
				() -> new SpringApplicationBuilder(StorefrontConsoleApplication.class).web(WebApplicationType.NONE)
					.properties(properties)
					.properties("storefront.console.history-file=target/settings-test-history.jsonl")
					.run()
					.close());
		assertThat(failure).as("the start should fail").isNotNull();
		return StartupLine.of(failure);
	}

}
