package io.storefront.launcher.services;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps a running stack alive through a rebuild: the jar it runs is a copy that is
 * replaced, never rewritten in place.
 */
class JarSnapshotTests {

	@TempDir
	Path folder;

	@Test
	void theCopyHasTheJarsContentNameAndModificationTime() throws Exception {
		Path jar = built("first build");

		Path snapshot = JarSnapshot.of(jar, this.folder.resolve("state/jars"));

		assertThat(snapshot).isEqualTo(this.folder.resolve("state/jars/service.jar")).hasContent("first build");
		assertThat(Files.getLastModifiedTime(snapshot)).isEqualTo(Files.getLastModifiedTime(jar));
		assertThat(Files.list(snapshot.getParent())).as("nothing left beside it").containsExactly(snapshot);
	}

	@Test
	void anUnchangedJarKeepsTheCopyThereIs() throws Exception {
		Path jar = built("first build");
		Path snapshot = JarSnapshot.of(jar, this.folder.resolve("jars"));
		Object file = fileKey(snapshot);

		JarSnapshot.of(jar, this.folder.resolve("jars"));

		assertThat(fileKey(snapshot)).isEqualTo(file);
	}

	/**
	 * The build rewrites the jar in place; the JVM that opened the old copy still reads
	 * the old copy, to its end, after the next start made a new one.
	 */
	@Test
	void aRebuiltJarIsANewCopyAndTheOldOneStaysWholeForWhoeverHasItOpen() throws Exception {
		Path jar = built("first build");
		Path snapshot = JarSnapshot.of(jar, this.folder.resolve("jars"));
		try (InputStream running = Files.newInputStream(snapshot)) {
			Files.writeString(jar, "second, longer build", StandardOpenOption.TRUNCATE_EXISTING);
			Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

			Path next = JarSnapshot.of(jar, this.folder.resolve("jars"));

			assertThat(next).isEqualTo(snapshot).hasContent("second, longer build");
			assertThat(new String(running.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first build");
		}
	}

	private Path built(String content) throws Exception {
		Path jar = Files.createDirectories(this.folder.resolve("service/target")).resolve("service.jar");
		return Files.writeString(jar, content);
	}

	private static Object fileKey(Path file) throws Exception {
		return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
	}

}
