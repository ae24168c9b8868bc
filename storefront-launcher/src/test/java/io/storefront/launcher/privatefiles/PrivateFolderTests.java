package io.storefront.launcher.privatefiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateFolderTests {

	@TempDir
	Path folder;

	@Test
	void aNewFolderIsCreatedForItsOwnerOnly() throws Exception {
		Path logs = PrivateFolder.of(this.folder.resolve(".storefront/logs"));

		assertThat(Files.getPosixFilePermissions(logs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void aLogsFolderOthersMayOpenIsClosedToThem() throws Exception {
		Path logs = Files.createDirectories(this.folder.resolve(".storefront/logs"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path log = Files.writeString(logs.resolve("postgres.log"), "kept");

		PrivateFolder.of(logs);

		assertThat(Files.getPosixFilePermissions(logs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.readString(log)).isEqualTo("kept");
	}

	@Test
	void aStateFolderThatIsAFileIsNamedAsSuch() throws Exception {
		Path file = Files.writeString(this.folder.resolve("state"), "");

		assertThatThrownBy(() -> PrivateFolder.of(file.resolve("logs"))).hasMessage("cannot make "
				+ file.resolve("logs") + " a folder only its owner may open (" + file + " is a file, not a folder)");
	}

	@Test
	void aFolderThatCannotBeMadeSaysWhy() {
		assertThatThrownBy(() -> PrivateFolder.of(Path.of("/proc/storefront-no-such/logs")))
			.hasMessage("cannot make /proc/storefront-no-such/logs a folder only its owner may open"
					+ " (/proc/storefront-no-such does not exist and cannot be made there)");
	}

}
