package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.testing.FreePorts;
import io.storefront.launcher.LauncherException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PostgresStartTests {

	/** Under the wind-down limit (30 s) that a start ignoring the stop ran into. */
	private static final Duration STOP_LIMIT = Duration.ofSeconds(25);

	@TempDir
	Path state;

	/**
	 * zonky's first start in a JVM (every {@code up}'s) waits for a script that detects
	 * the Linux distribution and drops the interrupt that arrives meanwhile: the start
	 * carried on to initdb and a server, {@code up} waited out the wind-down limit, and
	 * the next start in the same JVM found the data folder locked. Here the binaries'
	 * resolver drops the interrupt the same way, whatever ran earlier in this JVM.
	 */
	@Test
	void aStopEndsAStartThatDropsTheFirstInterrupt() throws Exception {
		int port = FreePorts.any();
		AtomicBoolean stopRequested = new AtomicBoolean();
		long started = System.nanoTime();

		Optional<EmbeddedPostgres> stopped = PostgresStart.run(
				builder(port, new DroppingTheFirstInterrupt(() -> stopRequested.set(true))), data(), port, log(),
				stopRequested::get);

		assertThat(stopped).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STOP_LIMIT);
		assertThat(data().resolve("postmaster.opts")).as("written by a server started after the stop").doesNotExist();
		try (EmbeddedPostgres next = PostgresStart
			.run(builder(port, DefaultPostgresBinaryResolver.INSTANCE::getPgBinary), data(), port, log(), () -> false)
			.orElseThrow()) {
			assertThat(next.getPort()).isEqualTo(port);
		}
	}

	/**
	 * A failure without a message was reported as "PostgreSQL did not start (null)",
	 * which says nothing of what went wrong: its kind is named instead.
	 */
	@Test
	void aFailureWithoutMessageIsNamedByItsKind() throws Exception {
		int port = FreePorts.any();
		PgBinaryResolver failing = (system, machineHardware) -> {
			throw new IllegalStateException();
		};

		assertThatExceptionOfType(LauncherException.class)
			.isThrownBy(() -> PostgresStart.run(builder(port, failing), data(), port, log(), () -> false))
			.withMessageStartingWith("PostgreSQL did not start (java.lang.IllegalStateException)");
	}

	private EmbeddedPostgres.Builder builder(int port, PgBinaryResolver binaries) throws IOException {
		Files.createDirectories(log().getParent());
		return EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(this.state.resolve("postgres-bin").toFile())
			.setPgBinaryResolver(binaries)
			.setDataDirectory(data())
			.setCleanDataDirectory(false)
			.setPort(port)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setOutputRedirector(Redirect.appendTo(log().toFile()))
			.setErrorRedirector(Redirect.appendTo(log().toFile()));
	}

	private Path data() {
		return this.state.resolve("pgdata");
	}

	private Path log() {
		return this.state.resolve("logs/postgres.log");
	}

	/**
	 * zonky's binaries, behind a wait that swallows an interrupt as its distribution
	 * detection does. A class, not a record: zonky remembers the unpacked folder per
	 * resolver, and each test's must be its own.
	 */
	private static final class DroppingTheFirstInterrupt implements PgBinaryResolver {

		private final Runnable onEntry;

		DroppingTheFirstInterrupt(Runnable onEntry) {
			this.onEntry = onEntry;
		}

		@Override
		public InputStream getPgBinary(String system, String machineHardware) throws IOException {
			this.onEntry.run();
			try {
				Thread.sleep(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				// dropped on purpose: what the start must survive
			}
			return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
		}

	}

}
