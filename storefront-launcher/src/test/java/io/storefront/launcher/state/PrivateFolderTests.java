package io.storefront.launcher.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateFolderTests {

	@TempDir
	Path folder;

	@Test
	void aNewFolderIsCreatedForItsOwnerOnly() throws Exception {
		Path state = PrivateFolder.of(this.folder.resolve("a/.storefront"));

		assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void aFolderOthersMayOpenIsClosedToThem() throws Exception {
		Path state = Files.createDirectory(this.folder.resolve(".storefront"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path log = Files.writeString(Files.createDirectory(state.resolve("logs")).resolve("postgres.log"), "kept");

		PrivateFolder.of(state);

		assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.readString(log)).isEqualTo("kept");
	}

}
