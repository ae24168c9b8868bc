package io.storefront.launcher.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StalePostmasterTests {

	@TempDir
	Path data;

	private final List<String> notes = new ArrayList<>();

	@Test
	void aPidFileOfAServerThatIsGoneIsRemoved() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Path pidFile = this.data.resolve("postmaster.pid");
		Files.writeString(pidFile, gone.pid() + "\n" + this.data + "\n1700000000\n54329\n");

		StalePostmaster.clear(this.data, this.notes::add);

		assertThat(pidFile).doesNotExist();
		assertThat(this.notes)
			.containsExactly("note: removing stale " + pidFile + " (PID " + gone.pid() + " is no longer running)");
	}

	/**
	 * After a reboot the PID may be another program's, or another PostgreSQL server's.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sleep 60; true", "exec -a 'postgres -D /var/lib/postgresql/15/main' sleep 60" })
	void aRunningProgramThatIsNotThisFoldersPostgresIsLeftAlone(String script) throws Exception {
		Process other = new ProcessBuilder("bash", "-c", script).start();
		try {
			Files.writeString(this.data.resolve("postmaster.pid"), other.pid() + "\n" + this.data + "\n");

			StalePostmaster.clear(this.data, this.notes::add);

			assertThat(other.isAlive()).isTrue();
			assertThat(this.notes).singleElement().asString().contains("removing stale");
		}
		finally {
			other.destroyForcibly();
		}
	}

	@Test
	void anOrphanedPostgresOfThisDataFolderIsStopped() throws Exception {
		Process orphan = postmasterOf(this.data.toAbsolutePath().toString());
		try {
			Files.writeString(this.data.resolve("postmaster.pid"), orphan.pid() + "\n" + this.data + "\n");

			StalePostmaster.clear(this.data, this.notes::add);

			// Process.waitFor, not isAlive(): the JDK marks the Process exited a moment
			// after the process is gone, which is all clear() waits for.
			assertThat(orphan.waitFor(1, TimeUnit.SECONDS)).as("stopped by the time clear() returned").isTrue();
			assertThat(this.notes)
				.containsExactly("note: stopping PostgreSQL left running by an earlier run (PID " + orphan.pid() + ")");
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	/**
	 * The earlier run reached the same folder through a symbolic link: its server names
	 * the folder by the link, and wrote the link into {@code postmaster.pid}.
	 */
	@Test
	void anOrphanedPostgresThatNamedThisFolderByAnotherPathIsStopped(@TempDir Path links) throws Exception {
		Path link = Files.createSymbolicLink(links.resolve("state"), this.data.toAbsolutePath());
		Process orphan = postmasterOf(link.toString());
		try {
			Files.writeString(this.data.resolve("postmaster.pid"), orphan.pid() + "\n" + link + "\n");

			StalePostmaster.clear(this.data, this.notes::add);

			assertThat(orphan.waitFor(1, TimeUnit.SECONDS)).as("stopped by the time clear() returned").isTrue();
			assertThat(this.notes)
				.containsExactly("note: stopping PostgreSQL left running by an earlier run (PID " + orphan.pid() + ")");
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	/**
	 * A shell whose own command line names postgres and {@code dataDirectory} from its
	 * start (bash -c SCRIPT NAME ARGS...), and that ends on SIGINT as a postmaster does.
	 * exec -a would leave a moment in which the command line is still bash's alone.
	 */
	private static Process postmasterOf(String dataDirectory) throws IOException {
		return new ProcessBuilder("bash", "-c", "trap 'exit 130' INT; while :; do sleep 0.1; done", "postgres", "-D",
				dataDirectory)
			.start();
	}

	@Test
	void noPidFileNothingToDo() {
		StalePostmaster.clear(this.data, this.notes::add);

		assertThat(this.notes).isEmpty();
	}

}
