package io.storefront.launcher.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.DotEnvFile;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.PasswordAuthentication;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.ports.PortCheck;
import io.storefront.launcher.process.Processes;
import io.storefront.launcher.state.StateLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class EmbeddedServerTests {

	@TempDir
	Path state;

	/**
	 * Well under zonky's own start-up wait (60 s), which ended the old start when the
	 * listener went away.
	 */
	private static final Duration START_LIMIT = Duration.ofSeconds(40);

	private final List<String> notes = new ArrayList<>();

	@Test
	void theSuperuserNeedsItsPasswordKeptPrivatelyAndReusedAcrossStarts() throws Exception {
		int port = FreePorts.any();
		String password;
		try (EmbeddedServer server = start(port)) {
			password = DotEnvFile.read(passwordFile()).get("PGPASSWORD");

			assertThat(password).hasSize(32);
			assertThat(Files.getPosixFilePermissions(passwordFile()))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThatThrownBy(() -> superuser(port, null)).as("no password").isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> superuser(port, "wrong")).as("a wrong password").isInstanceOf(SQLException.class);
			assertEveryLoginUsesScram(port, password);
		}
		try (EmbeddedServer again = start(port)) {
			assertThat(DotEnvFile.read(passwordFile())).containsEntry("PGPASSWORD", password);
			assertThatThrownBy(() -> superuser(port, null)).isInstanceOf(SQLException.class);
			superuser(port, password).close();
		}
		assertThat(this.notes).noneMatch((note) -> note.contains("gets a password now"));
	}

	/**
	 * The data the services write survives a crash: zonky's test defaults (fsync and
	 * synchronous_commit off) are put back, and the server listens on loopback only.
	 */
	@Test
	void theServerIsDurableAndListensOnLoopbackOnly() throws Exception {
		int port = FreePorts.any();
		try (EmbeddedServer server = start(port);
				Connection connection = superuser(port, DotEnvFile.read(passwordFile()).get("PGPASSWORD"));
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT name, setting FROM pg_settings
						WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'listen_addresses')""")) {
			java.util.Map<String, String> settings = new java.util.HashMap<>();
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
			assertThat(settings).containsEntry("fsync", "on")
				.containsEntry("synchronous_commit", "on")
				.containsEntry("full_page_writes", "on")
				.containsEntry("listen_addresses", "localhost");
		}
	}

	@Test
	void itRunsPostgresqlsProgramsFromAFolderOfTheStateOnlyItsOwnerMayOpen() throws Exception {
		try (EmbeddedServer server = start(FreePorts.any())) {
			Path binaries = this.state.resolve("postgres-bin");
			long postmaster = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());

			assertThat(Files.readSymbolicLink(Path.of("/proc/" + postmaster + "/exe")))
				.startsWith(binaries.toRealPath());
			assertThat(Files.getPosixFilePermissions(binaries)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}
	}

	/**
	 * PostgreSQL's log quotes a failed statement whole: zonky's redirect would create it
	 * readable by all.
	 */
	@Test
	void itsLogIsReadableByItsOwnerOnly() throws Exception {
		try (EmbeddedServer server = start(FreePorts.any())) {
			Path log = new StateLayout(this.state).postgresLog();

			assertThat(log).isNotEmptyFile();
			assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
	}

	/**
	 * zonky stops and deletes what looks like a stale server in its working folder, by
	 * default the shared {@code java.io.tmpdir/embedded-pg} another user may write: its
	 * {@code pg_ctl stop} signals whatever PID a planted {@code postmaster.pid} names.
	 */
	@Test
	void aFolderPlantedInTheSharedTemporaryFolderIsLeftAlone(@TempDir Path shared) throws Exception {
		Path planted = Files.createDirectories(shared.resolve("embedded-pg/planted"));
		Path lock = Files.writeString(planted.resolve("epg-lock"), "");
		Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		String temporaryFolder = System.getProperty("java.io.tmpdir");
		System.setProperty("java.io.tmpdir", shared.toString());
		try (EmbeddedServer server = start(FreePorts.any())) {
			assertThat(planted).as("a stale-looking folder in the shared embedded-pg").isDirectory();
		}
		finally {
			System.setProperty("java.io.tmpdir", temporaryFolder);
		}
	}

	@Test
	void aDataFolderFromAnEarlierVersionThatTrustedTheSuperuserIsLockedOnItsNextStart() throws Exception {
		int port = FreePorts.any();
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(this.state.resolve("postgres-bin").toFile())
			.setDataDirectory(data())
			.setCleanDataDirectory(false)
			.setPort(port)
			.setPGStartupWait(Duration.ofSeconds(60))
			.start()) {
			PasswordAuthentication
				.require(AdminConnection.parse("test", "postgresql://postgres@localhost:" + port + "/postgres"));
		}
		assertThat(EmbeddedServer.trustsSomeLogin(data().resolve("pg_hba.conf"))).isTrue();

		try (EmbeddedServer server = start(port)) {
			String password = DotEnvFile.read(passwordFile()).get("PGPASSWORD");

			assertThat(this.notes).anyMatch((note) -> note.contains("gets a password now"));
			assertThatThrownBy(() -> superuser(port, null)).isInstanceOf(SQLException.class);
			assertEveryLoginUsesScram(port, password);
		}
		assertThat(EmbeddedServer.trustsSomeLogin(data().resolve("pg_hba.conf"))).isFalse();
	}

	@Test
	void aLockedDataFolderWithoutItsPasswordFileIsRefusedWithoutWaiting() throws Exception {
		int port = FreePorts.any();
		start(port).close();
		Files.delete(passwordFile());

		assertThatThrownBy(() -> start(port)).isInstanceOf(LauncherException.class)
			.hasMessageContaining(passwordFile().toString())
			.hasMessageContaining("missing");
	}

	/**
	 * The port was free when {@code up} checked it and is taken by the time PostgreSQL
	 * binds it (another {@code up} on the same --pg-port, a program started in between):
	 * here it is taken before the start, which is the same race decided.
	 */
	@Test
	void aPortTakenBeforePostgresqlBindsItByAListenerThatNeverAnswersIsTheOneLinePortError() throws Exception {
		try (SilentListener taken = SilentListener.onEveryAddress()) {
			assertStartIsThePortErrorWithinTheLimit(taken.port());
		}
		assertThat(data().resolve("postmaster.pid")).doesNotExist();
	}

	/**
	 * Two {@code up}s of different state folders given the same --pg-port, seconds apart.
	 */
	@Test
	void aPortTakenByAnotherEmbeddedPostgresqlIsTheOneLinePortError(@TempDir Path otherState) throws Exception {
		int port = FreePorts.any();
		try (EmbeddedServer other = EmbeddedServer.start(new StateLayout(otherState), port, (note) -> {
		}, () -> false).orElseThrow()) {
			assertStartIsThePortErrorWithinTheLimit(port);
		}
	}

	/**
	 * PostgreSQL binds ::1 and runs, but localhost's 127.0.0.1 answers nobody: the
	 * services would reach the other program. The server is stopped, the data folder left
	 * ready for the next start.
	 */
	@Test
	void aPortTakenOnlyOnIpv4IsThePortErrorAndThePostgresqlStartedOnIpv6IsStopped() throws Exception {
		try (SilentListener taken = SilentListener.onIpv4LoopbackOnly()) {
			assertStartIsThePortErrorWithinTheLimit(taken.port());
		}
		assertThat(data().resolve("postmaster.pid")).doesNotExist();
		int port = FreePorts.any();
		try (EmbeddedServer server = start(port)) {
			superuser(port, DotEnvFile.read(passwordFile()).get("PGPASSWORD")).close();
		}
	}

	/**
	 * Ctrl-C or SIGTERM while initdb makes a new folder: the start ends at once, initdb
	 * is let finish (stopped halfway it would leave a folder that looks made), nothing
	 * runs after, and the next start finds a whole folder.
	 */
	@Test
	void aStopRequestedWhileANewFolderIsMadeEndsTheStartAndLeavesAWholeFolder() throws Exception {
		int port = FreePorts.any();

		assertThat(startStopped(port)).isEmpty();

		assertThat(data().resolve("postmaster.pid")).doesNotExist();
		assertThat(ProcessHandle.current().children().map(Processes::commandLine))
			.noneMatch((command) -> command.contains(data().toString()));
		try (EmbeddedServer server = start(port)) {
			superuser(port, DotEnvFile.read(passwordFile()).get("PGPASSWORD")).close();
		}
	}

	/** Ctrl-C or SIGTERM while the server of an existing folder starts: it is stopped. */
	@Test
	void aStopRequestedWhileTheServerStartsStopsIt() throws Exception {
		int port = FreePorts.any();
		start(port).close();
		long started = System.nanoTime();

		assertThat(startStopped(port)).isEmpty();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(data().resolve("postmaster.pid")).doesNotExist();
		assertThat(PortCheck.isFree(port)).isTrue();
	}

	/** Starts with a stop requested as soon as the start is announced. */
	private Optional<EmbeddedServer> startStopped(int port) {
		AtomicBoolean announced = new AtomicBoolean();
		return EmbeddedServer.start(new StateLayout(this.state), port,
				(note) -> announced.compareAndSet(false, note.startsWith("Starting PostgreSQL")), announced::get);
	}

	private void assertStartIsThePortErrorWithinTheLimit(int port) {
		long started = System.nanoTime();

		assertThatThrownBy(() -> assertTimeoutPreemptively(START_LIMIT, () -> start(port)))
			.isInstanceOf(LauncherException.class)
			.hasMessage(portTaken(port));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(START_LIMIT);
	}

	private static String portTaken(int port) {
		return "port " + port + " (PostgreSQL) is already in use; stop what listens there or holds it (an outgoing"
				+ " connection may have it as its own end), or choose other ports with --pg-port";
	}

	private void assertEveryLoginUsesScram(int port, String password) throws SQLException {
		try (Connection connection = superuser(port, password); Statement statement = connection.createStatement()) {
			try (ResultSet methods = statement.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
				List<String> found = new ArrayList<>();
				while (methods.next()) {
					found.add(methods.getString(1));
				}
				assertThat(found).containsExactly("scram-sha-256");
			}
			try (ResultSet setting = statement.executeQuery("SHOW password_encryption")) {
				setting.next();
				assertThat(setting.getString(1)).isEqualTo("scram-sha-256");
			}
			try (ResultSet verifier = statement
				.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")) {
				verifier.next();
				assertThat(verifier.getString(1)).startsWith("SCRAM-SHA-256$");
			}
		}
	}

	private EmbeddedServer start(int port) {
		return EmbeddedServer.start(new StateLayout(this.state), port, this.notes::add, () -> false).orElseThrow();
	}

	private Path data() {
		return this.state.resolve("pgdata");
	}

	private Path passwordFile() {
		return this.state.resolve("postgres.env");
	}

	private static Connection superuser(int port, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
	}

}
