package io.storefront.launcher.privatefiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateFileTests {

	@TempDir
	Path folder;

	@Test
	void aNewFileIsCreatedForItsOwnerOnly() throws Exception {
		Path log = PrivateFile.of(this.folder.resolve("auth-service.log"));

		assertThat(log).isEmptyFile();
		assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void aFileOthersMayReadIsClosedToThemAndKeepsWhatItHolds() throws Exception {
		Path log = Files.writeString(this.folder.resolve("postgres.log"), "an earlier run\n");
		Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

		PrivateFile.of(log);

		assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(log).hasContent("an earlier run");
	}

	@Test
	void aFolderInItsPlaceIsLeftAsItIs() throws Exception {
		Path folder = Files.createDirectories(this.folder.resolve("haproxy.log"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

		PrivateFile.of(folder);

		assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
