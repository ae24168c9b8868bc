package io.storefront.launcher.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.launcher.LauncherException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutablesTests {

	@TempDir
	Path folder;

	@Test
	void aMissingProgramIsOneLineNamingThePackageToInstall() {
		assertThatThrownBy(() -> Executables.require("haproxy", "haproxy", List.of(this.folder.toString())))
			.isInstanceOf(LauncherException.class)
			.hasMessage("--replicas above 1 needs haproxy, which is not installed (looked in " + this.folder
					+ "); install Debian's package: apt-get install haproxy");
	}

	@Test
	void theFirstExecutableFileOfThatNameIsUsed() throws Exception {
		Path notExecutable = Files.createDirectories(this.folder.resolve("a")).resolve("pgbouncer");
		Files.writeString(notExecutable, "");
		Path executable = Files.createDirectories(this.folder.resolve("b")).resolve("pgbouncer");
		Files.writeString(executable, "#!/bin/sh\n");
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));

		assertThat(Executables.require("pgbouncer", "pgbouncer",
				List.of(notExecutable.getParent().toString(), executable.getParent().toString())))
			.isEqualTo(executable);
	}

	@Test
	void debiansSbinComesFirstThenThePath() {
		assertThat(Executables.searchPath("/opt/bin:/usr/bin::/usr/local/bin")).containsExactly("/usr/sbin", "/usr/bin",
				"/opt/bin", "/usr/local/bin");
		assertThat(Executables.searchPath(null)).containsExactly("/usr/sbin", "/usr/bin");
	}

}
