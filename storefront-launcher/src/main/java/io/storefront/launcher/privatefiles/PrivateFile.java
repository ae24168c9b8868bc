package io.storefront.launcher.privatefiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import io.storefront.cli.envfile.EnvFile;

/**
 * A file of the state folder's that only its owner may read or write (mode 600, as the
 * env files are): created so, never open to others for a moment, or made so when it
 * exists (a log an earlier run left readable by all). For the logs {@code up} writes into
 * the {@link PrivateFolder} {@code logs}: the folder keeps others out, and the file's own
 * mode still does when it is copied out or the folder opened to share another log.
 */
public final class PrivateFile {

	private PrivateFile() {
	}

	/**
	 * @return {@code file}, which exists and only its owner may read or write; anything
	 * else there (a folder) is left as it is, for whoever opens it to fail on
	 */
	public static Path of(Path file) throws IOException {
		boolean posix = Files.getFileAttributeView(file.toAbsolutePath().getParent(),
				PosixFileAttributeView.class) != null;
		try {
			if (posix) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(EnvFile.OWNER_ONLY));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// an earlier run's, kept: its mode is set below
		}
		if (posix && Files.isRegularFile(file)) {
			Files.setPosixFilePermissions(file, EnvFile.OWNER_ONLY);
		}
		return file;
	}

}
