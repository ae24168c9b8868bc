package io.storefront.launcher.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The copy of a built jar that {@code up} runs. A build ({@code ./storefront test}, or
 * the one a command starts when the sources changed) writes {@code target/*.jar} over the
 * old file in place, and a JVM running from it then fails on the first class it had not
 * loaded yet ({@code NoClassDefFoundError}). A snapshot is never written in place: a
 * newer jar is copied beside it and moved over it, so a JVM still running the old one
 * keeps reading the file it opened.
 */
public final class JarSnapshot {

	private JarSnapshot() {
	}

	/**
	 * The copy of {@code jar} in {@code folder}, under the same name: made anew when the
	 * jar's size or modification time differ from the copy's, else the copy there is. It
	 * keeps the jar's modification time, so what is keyed on it (the start-up cache)
	 * still fits when the jar has not changed.
	 */
	public static Path of(Path jar, Path folder) {
		Path snapshot = folder.resolve(jar.getFileName());
		try {
			if (isCopyOf(snapshot, jar)) {
				return snapshot;
			}
			Files.createDirectories(folder);
			Path partial = Files.createTempFile(folder, jar.getFileName().toString(), ".partial");
			try {
				Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				Files.move(partial, snapshot, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
			return snapshot;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot copy " + jar + " to " + folder + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean isCopyOf(Path snapshot, Path jar) throws IOException {
		return Files.isRegularFile(snapshot) && Files.size(snapshot) == Files.size(jar)
				&& Files.getLastModifiedTime(snapshot).equals(Files.getLastModifiedTime(jar));
	}

}
