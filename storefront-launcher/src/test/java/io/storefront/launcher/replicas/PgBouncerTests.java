package io.storefront.launcher.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class PgBouncerTests {

	private static final PoolSettings POOL = new PoolSettings(10, 20, Duration.ofSeconds(30), Duration.ZERO);

	@TempDir
	Path folder;

	/**
	 * PgBouncer started for two replicas of each service in front of a real PostgreSQL:
	 * the folder of its files, which hold the roles' SCRAM verifiers and the console
	 * admin's password, is one only its owner may enter (700), each file in it readable
	 * by its owner alone (600), and the folder is gone once PgBouncer stops.
	 */
	@Test
	void itsFilesAreInAFolderOnlyItsOwnerMayEnterAndGoWhenItStops() throws Exception {
		Path pgbouncer = Executables.require(PgBouncer.PROGRAM, "pgbouncer",
				Executables.searchPath(System.getenv("PATH")));
		TestPostgres postgres = TestPostgres.shared();
		Map<ServiceIdentity, PoolSettings> pools = new LinkedHashMap<>();
		Map<ServiceIdentity, String> roles = new LinkedHashMap<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			pools.put(service, POOL);
			roles.put(service, postgres.account(service).role());
		}
		Path directory;
		try (PgBouncer started = PgBouncer.start(pgbouncer, postgres.admin(), 2, pools, roles, FreePorts.any(),
				this.folder.resolve("pgbouncer.log"))) {
			directory = started.directory();
			List<Path> files;
			try (Stream<Path> listed = Files.list(directory)) {
				files = listed.toList();
			}

			assertThat(Files.getPosixFilePermissions(directory)).as(directory.toString())
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(files).contains(started.files().ini(), started.files().authFile(),
					started.files().adminPassFile());
			for (Path file : files) {
				assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
					.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			}
		}
		assertThat(directory).doesNotExist();
	}

}
