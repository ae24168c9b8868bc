package io.storefront.launcher.services;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeTests {

	@TempDir
	Path jdk;

	@Test
	void fromTheReleaseFile() throws Exception {
		Files.writeString(this.jdk.resolve("release"), """
				IMPLEMENTOR="Eclipse Adoptium"
				JAVA_RUNTIME_VERSION="25.0.3+9-LTS"
				JAVA_VERSION="25.0.3"
				""");

		assertThat(JavaRuntime.of(this.jdk)).contains(new JavaRuntime(25, "25.0.3+9-LTS"));
	}

	@Test
	void versionNumbersOldAndNew() {
		assertThat(JavaRuntime.parse("21", null)).contains(new JavaRuntime(21, "21"));
		assertThat(JavaRuntime.parse("1.8.0_402", null)).contains(new JavaRuntime(8, "1.8.0_402"));
		assertThat(JavaRuntime.parse("26-ea", "26-ea+3")).contains(new JavaRuntime(26, "26-ea+3"));
		assertThat(JavaRuntime.parse("", null)).isEmpty();
		assertThat(JavaRuntime.parse("unknown", null)).isEmpty();
	}

	@Test
	void fromJavaVersionOutput() {
		assertThat(JavaRuntime.parseVersionOutput("""
				openjdk version "24.0.1" 2025-04-15
				OpenJDK Runtime Environment (build 24.0.1+9-Ubuntu)
				OpenJDK 64-Bit Server VM (build 24.0.1+9-Ubuntu, mixed mode, sharing)
				""")).contains(new JavaRuntime(24, "24.0.1+9-Ubuntu"));
	}

	@Test
	void withoutReleaseFileAsksJava() throws Exception {
		Path bin = Files.createDirectories(this.jdk.resolve("bin"));
		Path java = bin.resolve("java");
		Files.writeString(java,
				"#!/bin/sh\necho 'openjdk version \"21.0.7\" 2025-04-15' >&2\necho 'OpenJDK Runtime Environment (build 21.0.7+6)' >&2\n");
		java.toFile().setExecutable(true);

		assertThat(JavaRuntime.of(this.jdk)).contains(new JavaRuntime(21, "21.0.7+6"));
	}

	@Test
	void theJdkRunningThisTest() {
		assertThat(JavaRuntime.of(Path.of(System.getProperty("java.home"))).map(JavaRuntime::feature))
			.contains(Runtime.version().feature());
	}

}
