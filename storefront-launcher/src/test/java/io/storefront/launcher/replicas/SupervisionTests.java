package io.storefront.launcher.replicas;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.testing.FreePorts;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.ChildCommand;
import io.storefront.launcher.process.ChildOutput;
import io.storefront.launcher.process.ChildProcess;
import io.storefront.launcher.services.ListenAddress;
import io.storefront.launcher.state.RunLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Supervision} with real child processes: one killed with SIGKILL is started again
 * at once; one that then keeps failing to start, or keeps crashing soon after it is
 * ready, is started again after growing delays, and serves once it can, however many
 * attempts that takes.
 */
class SupervisionTests {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	private final List<Restartable> recorded = new ArrayList<>();

	private final List<ChildProcess> started = new ArrayList<>();

	@TempDir
	Path folder;

	@AfterEach
	void killWhatIsLeft() {
		this.started.forEach(ChildProcess::kill);
	}

	@Test
	void haproxyKilledWithSigkillIsStartedAgainOnItsPortAndServesAgain() throws Exception {
		Path executable = Executables.require(Haproxy.PROGRAM, "haproxy",
				Executables.searchPath(System.getenv("PATH")));
		HttpServer replica = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		replica.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		replica.start();
		Haproxy.Backend backend = new Haproxy.Backend("product-service", FreePorts.any(),
				List.of(replica.getAddress().getPort()));
		try (HelperProgram haproxy = Haproxy.start(executable, List.of(backend), ListenAddress.LOOPBACK,
				this.folder.resolve("haproxy.cfg"), this.folder.resolve("haproxy.log"))) {
			Supervision supervision = supervise(List.of(haproxy), new Backoff(Duration.ofSeconds(1), LIMIT, LIMIT));
			long killed = haproxy.child().pid();

			ProcessHandle.of(killed).orElseThrow().destroyForcibly();
			checkUntil(supervision, () -> printed().contains("HAProxy ready again"));

			assertThat(printed()).contains("HAProxy exited with code 137; starting it again on 127.0.0.1:"
					+ backend.port() + System.lineSeparator());
			assertThat(haproxy.child().pid()).isNotEqualTo(killed);
			assertThat(this.recorded).containsExactly(haproxy);
			HttpResponse<Void> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/health"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(answer.statusCode()).isEqualTo(200);
		}
		finally {
			replica.stop(0);
		}
	}

	@Test
	void aChildThatKeepsFailingToStartAgainIsStartedAgainAfterGrowingDelaysUntilItServes() throws Exception {
		FlakyChild child = new FlakyChild(List.of("exit 1", "cannot", "exit 1", "exit 1", "exec sleep 60"));
		Supervision supervision = supervise(List.of(child),
				new Backoff(Duration.ofMillis(500), Duration.ofSeconds(1), LIMIT));

		child.child().kill();
		checkUntil(supervision, () -> printed().contains("flaky ready again"));

		assertThat(printed().lines().toList()).hasSize(6)
			.first()
			.isEqualTo("flaky exited with code 137; starting it again on :1");
		// The delays as the supervision chose them, which a loaded machine cannot
		// stretch: capped at 1 s where doubling would make them 2 s and 4 s.
		assertThat(printed()).contains("flaky exited with code 1 while starting again; starting it again in")
			.contains("flaky could not start again: port taken; starting it again in 1 s (attempt 3)")
			.contains("starting it again in 1 s (attempt 4)")
			.contains("starting it again in 1 s (attempt 5)");
		// and waited, however much longer a loaded machine takes
		List<Long> gaps = child.gapsMillis();
		assertThat(gaps).hasSize(4);
		assertThat(gaps.get(0)).as("after the first failure").isGreaterThanOrEqualTo(500);
		assertThat(gaps.get(1)).as("after the second").isGreaterThanOrEqualTo(1000);
		assertThat(gaps.get(3)).as("capped, and still waited").isGreaterThanOrEqualTo(1000);
		assertThat(child.child().isAlive()).isTrue();
		assertThat(this.recorded).hasSize(4);
	}

	@Test
	void aChildThatKeepsCrashingSoonAfterGettingReadyIsStartedAgainAfterGrowingDelays() throws Exception {
		FlakyChild child = new FlakyChild(
				List.of("exec sleep 0.3", "exec sleep 0.3", "exec sleep 0.3", "exec sleep 60"));
		Supervision supervision = supervise(List.of(child),
				new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), LIMIT));

		child.child().kill();
		checkUntil(supervision, () -> printed().lines().filter((line) -> line.contains("ready again on")).count() == 4);

		assertThat(printed()).contains("flaky exited with code 0 0.")
			.contains(" s after getting ready again; starting it again in 1 s (attempt 2)")
			.contains(" s after getting ready again; starting it again in 2 s (attempt 3)");
		List<Long> gaps = child.gapsMillis();
		assertThat(gaps.get(0)).as("ran 0.3 s, then waited 1 s").isGreaterThanOrEqualTo(1300);
		assertThat(gaps.get(1)).as("ran 0.3 s, then waited 2 s").isGreaterThanOrEqualTo(2300);
		assertThat(child.child().isAlive()).isTrue();
	}

	@Test
	void aChildStoppedWithSigtermSoonAfterGettingReadyIsStartedAgainAtOnceAsInARollingRestart() throws Exception {
		FlakyChild child = new FlakyChild(List.of("exec sleep 60"));
		Supervision supervision = supervise(List.of(child),
				new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)));
		child.child().kill();
		checkUntil(supervision, () -> printed().contains("flaky ready again on"));

		ProcessHandle.of(child.child().pid()).orElseThrow().destroy();
		checkUntil(supervision, () -> child.gapsMillis().size() == 1);

		assertThat(printed()).contains("flaky exited with code 143; starting it again on :1")
			.doesNotContain("starting it again in");
	}

	@Test
	void aChildThatRanLongerThanStableIsStartedAgainAtOnceAsIfItHadNeverFailed() throws Exception {
		FlakyChild child = new FlakyChild(List.of("exec sleep 0.5", "exec sleep 60"));
		Supervision supervision = supervise(List.of(child),
				new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMillis(100)));

		child.child().kill();
		checkUntil(supervision, () -> child.gapsMillis().size() == 1);

		assertThat(printed()).contains("flaky exited with code 0; starting it again on :1")
			.doesNotContain("starting it again in");
		assertThat(child.gapsMillis().get(0)).as("far less than the minute a failure would make it wait")
			.isLessThan(20_000);
	}

	@Test
	void aChildWaitingForItsNextAttemptIsLeftAloneAndCheckingDoesNotWait() throws Exception {
		FlakyChild child = new FlakyChild(List.of("exit 1", "exec sleep 60"));
		Supervision supervision = supervise(List.of(child),
				new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), LIMIT));
		child.child().kill();
		checkUntil(supervision, () -> printed().contains("starting it again in 60 s (attempt 2)"));

		long before = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			supervision.check();
		}

		// A check that waited for the next attempt would take the minute to it; ten that
		// each slept even a second, ten seconds: far more than a loaded machine takes for
		// ten that do not wait.
		assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
		assertThat(child.gapsMillis()).isEmpty();
	}

	@Test
	void aHelperStartedAgainDoesNotHoldUpTheOtherChildrenUntilItListens() throws Exception {
		int port = FreePorts.any();
		// Listens at once the first time, three seconds after each later start.
		String script = "if [ -e started ]; then sleep 3; fi; touch started; exec python3 -m http.server " + port
				+ " --bind 127.0.0.1";
		try (HelperProgram helper = HelperProgram.start("slow-listener", "http.server", "slow-listener",
				List.of("bash", "-c", "cd " + this.folder + " && " + script), this.folder.resolve("slow.log"),
				"127.0.0.1", List.of(port))) {
			FlakyChild other = new FlakyChild(List.of("exec sleep 60"));
			Supervision supervision = supervise(List.of(helper, other),
					new Backoff(Duration.ofSeconds(1), LIMIT, LIMIT));
			ProcessHandle.of(helper.child().pid()).orElseThrow().destroyForcibly();
			checkUntil(supervision, () -> printed().contains("slow-listener exited with code 137"));
			other.child().kill();

			checkUntil(supervision, () -> printed().contains("flaky ready again"));

			assertThat(printed()).as("the other child was started again and got ready before the helper listened")
				.doesNotContain("slow-listener ready again");
			assertThat(helper.isReady()).isFalse();
			checkUntil(supervision, () -> printed().contains("slow-listener ready again"));
			assertThat(helper.isReady()).isTrue();
		}
	}

	@Test
	void delaysDoubleUpToTheCap() {
		Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), LIMIT);
		assertThat(List.of(1, 2, 3, 4, 5, 6, 50).stream().map(backoff::after).map(Duration::toSeconds))
			.containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
	}

	private Supervision supervise(List<? extends Restartable> children, Backoff backoff) {
		return new Supervision(children, this.out, Duration.ofSeconds(20), backoff, this.recorded::add);
	}

	private void checkUntil(Supervision supervision, BooleanSupplier done) throws InterruptedException {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!done.getAsBoolean()) {
			assertThat(System.nanoTime()).as("still waiting; printed so far:%n%s", printed()).isLessThan(deadline);
			supervision.check();
			Thread.sleep(20);
		}
	}

	private String printed() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A child running {@code exec sleep 60} that, started again, runs each of its scripts
	 * in turn ({@code cannot}: fails to start), then the last one for good; ready while
	 * it runs a {@code sleep}.
	 */
	private final class FlakyChild implements Restartable {

		private final List<String> scripts;

		private final List<Long> attempts = new ArrayList<>();

		private ChildProcess child;

		private String script = "exec sleep 60";

		FlakyChild(List<String> scripts) {
			this.scripts = scripts;
			this.child = run("exec sleep 60");
		}

		@Override
		public String label() {
			return "flaky";
		}

		@Override
		public String address() {
			return ":1";
		}

		@Override
		public ChildProcess child() {
			return this.child;
		}

		@Override
		public void startAgain() {
			this.attempts.add(System.nanoTime());
			this.script = this.scripts.get(Math.min(this.attempts.size() - 1, this.scripts.size() - 1));
			if (this.script.equals("cannot")) {
				throw new LauncherException("port taken");
			}
			this.child = run(this.script);
		}

		@Override
		public boolean isReady() {
			return this.child.isAlive() && this.script.startsWith("exec sleep");
		}

		@Override
		public void record(RunLock lock) {
		}

		/** How long it waited between attempts after the first. */
		List<Long> gapsMillis() {
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < this.attempts.size(); i++) {
				gaps.add((this.attempts.get(i) - this.attempts.get(i - 1)) / 1_000_000);
			}
			return gaps;
		}

		private ChildProcess run(String script) {
			ChildProcess process = ChildCommand.of("flaky", List.of("bash", "-c", script))
				.start(ChildOutput.appendedTo(SupervisionTests.this.folder.resolve("flaky.log")));
			SupervisionTests.this.started.add(process);
			return process;
		}

	}

}
