package io.storefront.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.Terminal;
import io.storefront.launcher.services.ServiceJvm;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code up} refuses before it starts anything. */
class UpCommandTests {

	@TempDir
	Path state;

	@Test
	void aTakenPortIsOneClearLineAndNothingStarts() throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(0));

			Result result = up("--state-dir", this.state.toString(), "--pg-port",
					Integer.toString(taken.getLocalPort()), "--base-port", "3");

			assertThat(result.status()).isEqualTo(1);
			assertThat(result.err()).isEqualTo("storefront up: port " + taken.getLocalPort()
					+ " (PostgreSQL) is already in use; stop what listens there or holds it (an outgoing connection may"
					+ " have it as its own end), or choose other ports with --pg-port\n");
			assertThat(this.state.resolve("pgdata")).doesNotExist();
			assertThat(this.state.resolve("env")).doesNotExist();
			assertThat(this.state.resolve("up.lock")).doesNotExist();
		}
	}

	@Test
	void aTakenPortNamesTheOptionThatMovesIt() throws Exception {
		try (ServerSocket taken = new ServerSocket(); ServerSocket free = new ServerSocket()) {
			taken.bind(new InetSocketAddress(0));
			free.bind(new InetSocketAddress(0));
			int postgresPort = free.getLocalPort();
			free.close();

			Result result = up("--state-dir", this.state.toString(), "--replicas", "2", "--pgbouncer-port",
					Integer.toString(taken.getLocalPort()), "--pg-port", Integer.toString(postgresPort), "--base-port",
					"3");

			assertThat(result.status()).isEqualTo(1);
			assertThat(result.err()).isEqualTo("storefront up: port " + taken.getLocalPort()
					+ " (PgBouncer) is already in use; stop what listens there or holds it (an outgoing connection may"
					+ " have it as its own end), or choose other ports with --pgbouncer-port\n");
		}
	}

	@Test
	void aSecondUpIsRefusedWhileTheFirstRuns() throws Exception {
		Process first = new ProcessBuilder("bash", "-c", "sleep 60; true", "storefront-launcher.jar").start();
		try {
			Files.createDirectories(this.state);
			Files.writeString(this.state.resolve("up.lock"), "pid=" + first.pid() + "\n");

			Result result = up("--state-dir", this.state.toString());

			assertThat(result.status()).isEqualTo(1);
			assertThat(result.err())
				.startsWith("storefront up: ./storefront up is already running (PID " + first.pid());
			assertThat(this.state.resolve("pgdata")).doesNotExist();
		}
		finally {
			first.destroyForcibly();
		}
	}

	@Test
	void wrongUsageExitsWithTwo() {
		assertThat(up("--pg-port", "seventy").status()).isEqualTo(2);
		assertThat(up("--unknown").err()).contains("unknown option: --unknown", "usage: storefront up");
		assertThat(up("--database-admin-url", "mysql://x/y").err())
			.contains("--database-admin-url is not a PostgreSQL URL");
		Result zeroReplicas = up("--replicas", "0");
		assertThat(zeroReplicas.status()).isEqualTo(2);
		assertThat(zeroReplicas.err())
			.startsWith("storefront up: --replicas must be a whole number from 1 to 9 (got \"0\")\n");
	}

	@Test
	void helpAndVersionAnswerWithoutStartingAnything() {
		Result help = up("--help");
		assertThat(help.status()).isZero();
		assertThat(help.out()).startsWith("usage: storefront up")
			.contains("--no-aot-cache", "--replicas=N", "STOREFRONT_REPLICAS", "--pgbouncer-port",
					"STOREFRONT_AOT_CACHE=off", "STOREFRONT_SERVICE_JAVA_OPTIONS", "Exit status:")
			.contains(ServiceJvm.DEFAULT_OPTIONS);
		Result version = up("--version");
		assertThat(version.status()).isZero();
		assertThat(version.out()).matches("storefront \\d+\\.\\d+\\.\\d+.* \\(Java \\d+\\)\\R");
		assertThat(run("--help").out()).contains("usage: storefront", "up");
		Result nothing = run();
		assertThat(nothing.status()).isEqualTo(2);
		assertThat(nothing.err()).startsWith("storefront up: expected: up [options]");
	}

	@Test
	void anOptionGivenTwiceIsAUsageError() {
		// should the repetition pass, the bad console port stops up before it starts
		// anything
		Result twice = up("--state-dir", this.state.toString(), "--pg-port", "5000", "--pg-port", "5001",
				"--console-port", "99999");
		assertThat(twice.status()).isEqualTo(2);
		assertThat(twice.err()).startsWith("storefront up: option '--pg-port'").contains("only once");
	}

	private Result up(String... options) {
		String[] args = new String[options.length + 1];
		args[0] = "up";
		System.arraycopy(options, 0, args, 1, options.length);
		return run(args);
	}

	private Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get);
		int status = new StorefrontLauncher(terminal, new StopSignal()).run(args);
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Result(int status, String out, String err) {
	}

}
