package io.storefront.cli.envfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
	void aFailedWriteSaysWhy() throws Exception {
		Path regularFile = this.folder.resolve("afile");
		Files.writeString(regularFile, "");

		assertThatThrownBy(() -> EnvFile.writePrivately(regularFile.resolve("pgbouncer.ini"), "x"))
			.hasMessage("cannot write " + regularFile.resolve("pgbouncer.ini") + ": " + regularFile
					+ " is a file, not a folder");
		assertThatThrownBy(() -> EnvFile.write(Path.of("/proc/storefront-no-such/auth.env"), Map.of(), List.of()))
			.hasMessage("cannot write /proc/storefront-no-such/auth.env: /proc/storefront-no-such does not exist"
					+ " and cannot be made there");
	}

	@Test
	void aFileFurtherUpThePathIsNamed() throws Exception {
		Path regularFile = Files.writeString(this.folder.resolve("afile"), "");
		Path file = regularFile.resolve("storefront/env/auth.env");

		assertThatThrownBy(() -> EnvFile.write(file, Map.of(), List.of()))
			.hasMessage("cannot write " + file + ": " + regularFile + " is a file, not a folder");
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

	@Test
	void aRewriteByRootKeepsTheOwnerAndGroupTheFileWasGiven() throws Exception {
		assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file away");
		Path file = this.folder.resolve("userlist.txt");
		EnvFile.writePrivately(file, "\"auth_svc\" \"SCRAM-SHA-256$old\"\n");
		UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal nobody = users.lookupPrincipalByName("nobody");
		GroupPrincipal group = users.lookupPrincipalByGroupName("nogroup");
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		view.setOwner(nobody);
		view.setGroup(group);

		EnvFile.writePrivately(file, "\"auth_svc\" \"SCRAM-SHA-256$new\"\n");

		PosixFileAttributes rewritten = Files.readAttributes(file, PosixFileAttributes.class);
		assertThat(rewritten.owner()).isEqualTo(nobody);
		assertThat(rewritten.group()).isEqualTo(group);
		assertThat(rewritten.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(file)).contains("$new");
	}

}
