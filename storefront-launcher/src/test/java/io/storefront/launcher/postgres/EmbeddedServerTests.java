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
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.DotEnvFile;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.PasswordAuthentication;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.state.StateLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedServerTests {

	@TempDir
	Path state;

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
		return EmbeddedServer.start(new StateLayout(this.state), port, this.notes::add);
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
