package io.storefront.cli.envfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EnvFileTests {

	@TempDir
	Path folder;

	@Test
	void newFileAndNewFolderAreOwnerOnly() throws Exception {
		Path file = this.folder.resolve("env/auth.env");

		EnvFile.write(file, Map.of("DATABASE_URL", "postgresql://u:p@h/auth_db"), List.of("header"));

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.readString(file)).isEqualTo("# header\nDATABASE_URL=postgresql://u:p@h/auth_db\n");
	}

	@Test
	void rewritingReplacesTheKeyKeepsOtherLinesAndTightensPermissions() throws Exception {
		Path file = this.folder.resolve("cart.env");
		Files.writeString(file, "# mine\nPORT=9003\nDATABASE_URL=old\nexport DATABASE_URL=older\nDEBUG=true\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		EnvFile.write(file, Map.of("DATABASE_URL", "new"), List.of("unused"));

		assertThat(Files.readString(file)).isEqualTo("# mine\nPORT=9003\nDATABASE_URL=new\nDEBUG=true\n");
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		try (var leftovers = Files.list(this.folder)) {
			assertThat(leftovers).containsExactly(file);
		}
	}

}
