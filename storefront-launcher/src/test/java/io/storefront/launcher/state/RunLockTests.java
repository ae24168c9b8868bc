package io.storefront.launcher.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTests {

	@TempDir
	Path state;

	private final List<String> notes = new ArrayList<>();

	private final List<Process> started = new ArrayList<>();

	@AfterEach
	void killStragglers() {
		this.started.forEach(Process::destroyForcibly);
	}

	@Test
	void holdsThePidWhileRunningAndGoesAwayOnClose() throws Exception {
		Path file = this.state.resolve("up.lock");

		try (RunLock lock = RunLock.acquire(file, this.notes::add)) {
			lock.recordService("auth-service", 4242);

			assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid(),
					"service.auth-service=4242");
		}

		assertThat(file).doesNotExist();
		assertThat(this.notes).isEmpty();
	}

	@Test
	void aSecondUpWhileOneRunsIsRefusedWithItsPid() throws Exception {
		Process launcher = fakeProcess("storefront-launcher.jar");
		Path file = this.state.resolve("up.lock");
		Files.writeString(file, "pid=" + launcher.pid() + "\n");

		assertThatThrownBy(() -> RunLock.acquire(file, this.notes::add)).isInstanceOf(LauncherException.class)
			.hasMessage("./storefront up is already running (PID " + launcher.pid() + ", lock " + file
					+ "); stop it with Ctrl-C in its terminal or kill " + launcher.pid());
		assertThat(Files.readString(file)).isEqualTo("pid=" + launcher.pid() + "\n");
	}

	@Test
	void whileOneRunHoldsTheGuardAnotherIsRefusedEvenIfTheLockLooksStale() throws Exception {
		Path file = this.state.resolve("up.lock");

		long gone = finishedPid();
		try (RunLock first = RunLock.acquire(file, this.notes::add)) {
			// as a killed run's lock would read, while this run is still starting
			Files.writeString(file, "pid=" + gone + "\n");

			assertThatThrownBy(() -> RunLock.acquire(file, this.notes::add)).isInstanceOf(LauncherException.class)
				.hasMessageStartingWith("./storefront up is already running (PID " + gone);
			assertThat(Files.readString(file)).as("left to the run that holds the guard")
				.isEqualTo("pid=" + gone + "\n");
			assertThat(this.notes).isEmpty();
		}
		try (RunLock next = RunLock.acquire(file, this.notes::add)) {
			assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
		}
	}

	@Test
	void aStaleLockIsRemovedWithANote() throws Exception {
		long gone = finishedPid();
		Path file = this.state.resolve("up.lock");
		Files.writeString(file, "pid=" + gone + "\n");

		try (RunLock lock = RunLock.acquire(file, this.notes::add)) {
			assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
		}

		assertThat(this.notes)
			.containsExactly("note: removing stale lock " + file + " (PID " + gone + " is no longer running)");
	}

	/**
	 * A lock file a crash left damaged (not text) is stale too, not a failure to start.
	 */
	@Test
	void aDamagedLockIsRemovedAsStale() throws Exception {
		Path file = this.state.resolve("up.lock");
		Files.write(file, new byte[] { 'p', 'i', 'd', '=', (byte) 0xff, (byte) 0xfe, '\n' });

		try (RunLock lock = RunLock.acquire(file, this.notes::add)) {
			assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
		}

		assertThat(this.notes).containsExactly("note: removing stale lock " + file + " (PID ? is no longer running)");
		assertThat(file).doesNotExist();
	}

	@Test
	void aPidReusedByAnotherProgramIsNotMistakenForARunningLauncher() throws Exception {
		Process other = fakeProcess("something-else");
		Path file = this.state.resolve("up.lock");
		Files.writeString(file, "pid=" + other.pid() + "\n");

		try (RunLock lock = RunLock.acquire(file, this.notes::add)) {
			assertThat(this.notes).singleElement().asString().contains("removing stale lock");
		}
		assertThat(other.isAlive()).isTrue();
	}

	@Test
	void servicesLeftByAKilledRunAreStoppedSoTheirPortsComeFree() throws Exception {
		Process orphan = fakeProcess("auth-service.jar");
		Process unrelated = fakeProcess("not-a-service");
		Path file = this.state.resolve("up.lock");
		Files.writeString(file, "pid=" + finishedPid() + "\nservice.auth-service=" + orphan.pid()
				+ "\nservice.cart-service=" + unrelated.pid() + "\n");

		RunLock.acquire(file, this.notes::add).close();

		assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(unrelated.isAlive()).as("a process that is not the recorded service").isTrue();
		assertThat(this.notes)
			.contains("note: stopping auth-service left running by that run (PID " + orphan.pid() + ")");
	}

	@Test
	void replicasAndHelperProgramsLeftByAKilledRunAreStoppedToo() throws Exception {
		Process replica = fakeProcess("cart-service.jar");
		Process haproxy = fakeProcess("/usr/sbin/haproxy -db -f /state/haproxy.cfg");
		Process reusedPid = fakeProcess("pgbouncer /another/pgbouncer.ini");
		Path file = this.state.resolve("up.lock");
		Files.writeString(file,
				"pid=" + finishedPid() + "\nservice.cart-service#2=" + replica.pid() + "\nhelper.haproxy="
						+ haproxy.pid() + "\nhelper.haproxy.marker=/state/haproxy.cfg" + "\nhelper.pgbouncer="
						+ reusedPid.pid() + "\nhelper.pgbouncer.marker=/tmp/up-pgbouncer/pgbouncer.ini\n");

		RunLock.acquire(file, this.notes::add).close();

		assertThat(replica.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("replica").isTrue();
		assertThat(haproxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("haproxy").isTrue();
		assertThat(reusedPid.isAlive()).as("a process that is not the recorded helper").isTrue();
		assertThat(this.notes).contains(
				"note: stopping cart-service#2 left running by that run (PID " + replica.pid() + ")",
				"note: stopping haproxy left running by that run (PID " + haproxy.pid() + ")");
	}

	@Test
	void aReplicaAndTheHelpersAreRecordedUnderTheirOwnKeys() throws Exception {
		Path file = this.state.resolve("up.lock");

		try (RunLock lock = RunLock.acquire(file, this.notes::add)) {
			lock.recordService("auth-service#2", 4243);
			lock.recordHelper("pgbouncer", 4244, "/tmp/p/pgbouncer.ini");

			assertThat(io.storefront.db.config.DotEnvFile.read(file)).containsEntry("service.auth-service#2", "4243")
				.containsEntry("helper.pgbouncer", "4244")
				.containsEntry("helper.pgbouncer.marker", "/tmp/p/pgbouncer.ini");
		}
	}

	/**
	 * A live process whose command line mentions {@code marker}, as a launcher's or a
	 * service's would.
	 */
	private Process fakeProcess(String marker) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", "sleep 60; true", marker).start();
		this.started.add(process);
		return process;
	}

	private static long finishedPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		Processes.awaitExit(process.toHandle(), Duration.ofSeconds(5));
		return process.pid();
	}

}
