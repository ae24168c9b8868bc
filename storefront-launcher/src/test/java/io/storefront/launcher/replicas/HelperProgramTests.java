package io.storefront.launcher.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.testing.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

class HelperProgramTests {

	/** What bash itself puts in the environment it hands on. */
	private static final Set<String> BASH_OWN = Set.of("PWD", "OLDPWD", "SHLVL", "_");

	@TempDir
	Path folder;

	@Test
	void aHelperGetsNoneOfTheLaunchersEnvironmentButWhatFindsProgramsAndReadsText() throws Exception {
		assertThat(System.getenv()).as("the launcher's own environment holds more than the helpers get")
			.containsKey("HOME");
		int port = FreePorts.any();
		String script = "env -0 > environment && exec python3 -m http.server " + port + " --bind 127.0.0.1";
		try (HelperProgram helper = HelperProgram.start("env-listener", "http.server", "env-listener",
				List.of("bash", "-c", "cd " + this.folder + " && " + script), this.folder.resolve("helper.log"),
				"127.0.0.1", List.of(port))) {
			Set<String> names = Arrays.stream(Files.readString(this.folder.resolve("environment")).split("\0"))
				.filter((entry) -> !entry.isEmpty())
				.map((entry) -> entry.substring(0, entry.indexOf('=')))
				.filter((name) -> !BASH_OWN.contains(name))
				.collect(Collectors.toSet());

			assertThat(names).contains("PATH").isSubsetOf(HelperProgram.KEPT_VARIABLES);
		}
	}

}
