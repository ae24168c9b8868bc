package io.storefront.launcher.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.launcher.process.ChildProcess.Ending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starting, watching and stopping a child with small shell scripts standing in for the
 * services, HAProxy and a training run.
 */
class ChildProcessTests {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	/** Every child a test started, killed after it with whatever it started. */
	private final List<ChildProcess> children = new ArrayList<>();

	@TempDir
	Path folder;

	@AfterEach
	void killTheChildren() {
		this.children.forEach(ChildProcess::kill);
	}

	@Test
	void shownOutputIsFormattedAfterThePrefixKeptRawInTheLogAndItsLastLinesRemembered() throws Exception {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		Path log = this.folder.resolve("logs/service.log");
		ChildProcess child = start(ChildCommand.of("service", bash("echo one; echo two >&2; exit 3")),
				ChildOutput.shown(log, false, new PrintStream(console, true, StandardCharsets.UTF_8), "service | ",
						(line) -> List.of(line.toUpperCase())));

		assertThat(child.awaitExit(LIMIT, () -> false)).isEqualTo(Ending.EXITED);

		assertThat(child.exitCode()).hasValue(3);
		assertThat(child.lastLines(40)).containsExactly("ONE", "TWO");
		assertThat(child.lastLines(1)).containsExactly("TWO");
		assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("service | ONE\nservice | TWO\n");
		assertThat(Files.readString(log)).isEqualTo("one\ntwo\n");
		assertThat(child.log()).isEqualTo(log);
	}

	@Test
	void aLogThatCannotBeWrittenIsSaidOnceAndTheOutputStillRead() throws Exception {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		Path log = Files.createDirectories(this.folder.resolve("service.log"));
		ChildProcess child = start(
				ChildCommand.of("service", bash("for i in $(seq 3000); do printf '%0100d\\n' $i; done; echo done")),
				ChildOutput.shown(log, false, new PrintStream(console, true, StandardCharsets.UTF_8), "service | ",
						List::of));

		assertThat(child.awaitExit(LIMIT, () -> false)).as("300 kB, more than a pipe holds, all read")
			.isEqualTo(Ending.EXITED);

		assertThat(child.lastLines(1)).containsExactly("done");
		assertThat(console.toString(StandardCharsets.UTF_8).lines().filter((line) -> line.contains("cannot write")))
			.singleElement()
			.asString()
			.startsWith("service | cannot write " + log)
			.endsWith("its output is only shown here from now on");
	}

	/**
	 * A service's log may quote a failed statement, and PgBouncer's the names of the
	 * roles: readable by the owner alone, as the env files are, a log an earlier run left
	 * readable by all included.
	 */
	@Test
	void everyLogIsReadableByItsOwnerOnly() throws Exception {
		Path shown = this.folder.resolve("logs/service.log");
		Path appended = this.folder.resolve("logs/helper.log");
		Path earlier = Files.createDirectories(this.folder.resolve("logs")).resolve("restarted.log");
		Files.writeString(earlier, "an earlier run\n");
		Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
		PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		List<ChildProcess> children = List.of(
				start(ChildCommand.of("service", bash("echo one")),
						ChildOutput.shown(shown, false, console, "", List::of)),
				start(ChildCommand.of("helper", bash("echo one")), ChildOutput.appendedTo(appended)),
				start(ChildCommand.of("restarted", bash("echo two")), ChildOutput.appendedTo(earlier)));
		for (ChildProcess child : children) {
			child.awaitExit(LIMIT, () -> false);
			child.lastLines(1); // read to its end
		}

		for (Path log : List.of(shown, appended, earlier)) {
			assertThat(Files.getPosixFilePermissions(log)).as(log.toString())
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		assertThat(earlier).hasContent("an earlier run\ntwo");
	}

	@Test
	void aRestartsShownOutputIsAddedToTheSameLog() throws Exception {
		Path log = this.folder.resolve("service.log");
		Files.writeString(log, "first run\n");
		ChildProcess child = start(ChildCommand.of("service", bash("echo second run")), ChildOutput.shown(log, true,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "", List::of));

		child.awaitExit(LIMIT, () -> false);
		child.lastLines(1); // read to its end

		assertThat(Files.readString(log)).isEqualTo("first run\nsecond run\n");
	}

	@Test
	void outputAppendedToALogFileGivesItsLastNonBlankLinesAsATail() throws Exception {
		Path log = this.folder.resolve("helper.log");
		Files.writeString(log, "an earlier run\n");
		ChildProcess child = start(ChildCommand.of("helper", bash("printf 'a\\n\\n  b  \\nc\\n'; exit 1")),
				ChildOutput.appendedTo(log));

		child.awaitExit(LIMIT, () -> false);

		assertThat(child.tail(2)).isEqualTo(": b / c");
		assertThat(child.lastLines(10)).containsExactly("an earlier run", "a", "b", "c");
		assertThat(Files.readString(log)).startsWith("an earlier run\na\n");
	}

	/**
	 * HAProxy sets its output non-blocking with {@code F_SETFL}, which also clears the
	 * append mode of a file it was given: a restarted HAProxy then wrote over its log
	 * from the first byte. Here perl does what HAProxy does.
	 */
	@Test
	void aChildThatResetsItsOutputsFlagsStillAddsToItsLogAfterWhatItHolds() throws Exception {
		Path log = this.folder.resolve("haproxy.log");
		Files.writeString(log, "an earlier run, longer than what follows\n");
		ChildProcess child = start(
				ChildCommand.of("haproxy", List.of("/usr/bin/perl", "-e",
						"use Fcntl; fcntl(STDOUT, F_SETFL, O_NONBLOCK) or die; syswrite(STDOUT, \"second run\\n\")")),
				ChildOutput.appendedTo(log));

		assertThat(child.awaitExit(LIMIT, () -> false)).isEqualTo(Ending.EXITED);

		assertThat(Files.readString(log)).isEqualTo("an earlier run, longer than what follows\nsecond run\n");
	}

	@Test
	void aChildThatWroteNothingHasNoTail() {
		ChildProcess child = start(ChildCommand.of("quiet", bash("exit 0")),
				ChildOutput.appendedTo(this.folder.resolve("quiet.log")));

		child.awaitExit(LIMIT, () -> false);

		assertThat(child.tail(5)).isEmpty();
	}

	@Test
	void itRunsInItsFolderWithExactlyItsEnvironmentAndNoInput() throws Exception {
		Path directory = this.folder.resolve("work/here");
		Path log = this.folder.resolve("env.log");
		ChildProcess child = start(ChildCommand.of("env", bash("pwd; cat; env"))
			.in(directory)
			.withEnvironment(Map.of("ONLY", "this", "PATH", "/usr/bin:/bin")), ChildOutput.appendedTo(log));

		assertThat(child.awaitExit(LIMIT, () -> false)).isEqualTo(Ending.EXITED);

		List<String> lines = Files.readAllLines(log);
		assertThat(lines.get(0)).as("the working folder, created").isEqualTo(directory.toString());
		assertThat(lines.subList(1, lines.size()))
			.as("nothing read from its input, and only its own environment (and what bash adds)")
			.filteredOn((line) -> !line.matches("(PWD|OLDPWD|SHLVL|_)=.*"))
			.containsExactlyInAnyOrder("ONLY=this", "PATH=/usr/bin:/bin");
	}

	@Test
	void theSuperusersLoginInLibpqsVariablesReachesNoChild() throws Exception {
		Path log = this.folder.resolve("env.log");
		ChildProcess child = start(ChildCommand.of("env", bash("env"))
			.withEnvironment(Map.of("PGPASSWORD", "secret", "PGUSER", "postgres", "PGPASSFILE", "/root/.pgpass", "PATH",
					"/usr/bin:/bin")),
				ChildOutput.appendedTo(log));

		assertThat(child.awaitExit(LIMIT, () -> false)).isEqualTo(Ending.EXITED);

		assertThat(Files.readAllLines(log)).contains("PATH=/usr/bin:/bin").noneMatch((line) -> line.startsWith("PG"));
	}

	@Test
	void itRunsInASessionOfItsOwn() throws Exception {
		Path log = this.folder.resolve("sleeper.log");
		ChildProcess child = start(ChildCommand.of("sleeper", bash("echo ready; exec sleep 60")),
				ChildOutput.appendedTo(log));
		awaitLine(log, "ready");

		assertThat(session(Path.of("/proc/" + child.pid() + "/stat")))
			.isNotEqualTo(session(Path.of("/proc/self/stat")));
	}

	@Test
	void stopSendsSigtermAndGivesTheGracePeriodBeforeSigkill() throws Exception {
		Path log = this.folder.resolve("stubborn.log");
		ChildProcess child = start(ChildCommand.of("stubborn", bash("trap '' TERM; echo ready; exec sleep 60"))
			.stoppedWithin(Duration.ofSeconds(1)), ChildOutput.appendedTo(log));
		awaitLine(log, "ready");
		long begin = System.nanoTime();

		child.stop();

		assertThat(child.isAlive()).isFalse();
		assertThat(child.exitCode()).hasValue(137);
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofSeconds(1),
				Duration.ofSeconds(10));
	}

	/**
	 * Each child, told to stop, waits to exit until the other has been told too: stopped
	 * one after the other, the first would wait out its grace period and be killed.
	 * Nothing is timed, so a loaded machine makes the test slower, not red.
	 */
	@Test
	void childrenStoppedTogetherShutDownSideBySide() throws Exception {
		List<ChildProcess> children = new ArrayList<>();
		for (List<String> pair : List.of(List.of("one", "two"), List.of("two", "one"))) {
			Path log = this.folder.resolve(pair.get(0) + ".log");
			Path toldToStop = this.folder.resolve(pair.get(0) + ".stopping");
			Path otherToldToStop = this.folder.resolve(pair.get(1) + ".stopping");
			children.add(start(
					ChildCommand.of(pair.get(0),
							bash("trap 'touch " + toldToStop + "; until [ -e " + otherToldToStop
									+ " ]; do sleep 0.1; done; kill $!; exit 143' TERM; sleep 60 & echo ready; wait")),
					ChildOutput.appendedTo(log)));
			awaitLine(log, "ready");
		}

		ChildProcess.stopTogether(children, Duration.ofSeconds(10));

		assertThat(children).noneMatch(ChildProcess::isAlive);
		assertThat(children).as("both exited on SIGTERM, none killed after its grace period")
			.allMatch((child) -> child.exitCode().getAsInt() == 143);
	}

	@Test
	void awaitingAnOverrunningChildKillsItAndWhatItStarted() throws Exception {
		Path pid = this.folder.resolve("grandchild.pid");
		ChildProcess child = start(ChildCommand.of("training", bash("sleep 60 & echo $! > " + pid + "; wait")),
				ChildOutput.appendedTo(this.folder.resolve("training.log")));
		awaitFile(pid);

		assertThat(child.awaitExit(Duration.ofSeconds(1), () -> false)).isEqualTo(Ending.OVERRAN);

		assertThat(child.isAlive()).isFalse();
		Path grandchild = Path.of("/proc/" + Files.readString(pid).strip() + "/stat");
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (running(grandchild) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(running(grandchild)).as("the process it started").isFalse();
	}

	@Test
	void awaitingEndsAtOnceWhenAStopIsAskedFor() {
		ChildProcess child = start(ChildCommand.of("training", bash("exec sleep 60")),
				ChildOutput.appendedTo(this.folder.resolve("training.log")));
		long begin = System.nanoTime();

		assertThat(child.awaitExit(LIMIT, () -> true)).isEqualTo(Ending.STOPPED);

		assertThat(child.isAlive()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aMissingProgramExitsAtOnceSayingWhy() {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "setsid runs the program");
		Path missing = this.folder.resolve("missing");
		ChildProcess child = start(ChildCommand.of("HAProxy", List.of(missing.toString())),
				ChildOutput.appendedTo(this.folder.resolve("missing.log")));

		assertThat(child.awaitExit(LIMIT, () -> false)).isEqualTo(Ending.EXITED);

		assertThat(child.exitCode()).hasValue(127);
		assertThat(child.tail(1)).contains(missing.toString()).contains("No such file or directory");
	}

	@Test
	void aChildThatCannotStartIsNamed() throws Exception {
		Path file = Files.writeString(this.folder.resolve("a-file"), "not a folder");

		assertThatThrownBy(() -> ChildCommand.of("product-service", bash("true"))
			.in(file.resolve("work"))
			.start(ChildOutput.appendedTo(this.folder.resolve("product-service.log"))))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageStartingWith("cannot start product-service: ");
	}

	private ChildProcess start(ChildCommand command, ChildOutput output) {
		ChildProcess child = command.start(output);
		this.children.add(child);
		return child;
	}

	private static List<String> bash(String script) {
		return List.of("/bin/bash", "-c", script);
	}

	/** The session id in {@code /proc/<pid>/stat}: the fourth field after the name. */
	private static String session(Path stat) throws Exception {
		String text = Files.readString(stat);
		return text.substring(text.lastIndexOf(')') + 2).split(" ")[3];
	}

	/** Whether the process of {@code stat} exists and is not a zombie. */
	private static boolean running(Path stat) {
		try {
			String text = Files.readString(stat);
			return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void awaitLine(Path log, String line) throws Exception {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!(Files.exists(log) && Files.readAllLines(log).contains(line))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no line '" + line + "' in " + log + " within " + LIMIT);
			}
			Thread.sleep(20);
		}
	}

	private static void awaitFile(Path file) throws Exception {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!(Files.exists(file) && !Files.readString(file).isBlank())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("nothing written to " + file + " within " + LIMIT);
			}
			Thread.sleep(20);
		}
	}

}
