package io.storefront.launcher.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A folder of the state folder's that only its owner may enter (mode 700): created so, or
 * made so when it exists. What is inside (the logs, which quote failed statements;
 * PostgreSQL's programs, which {@code up} runs) is then out of other local users' reach,
 * whatever its own mode. Only for folders {@code up} owns: never the state folder itself,
 * which a user may point at a folder others share.
 */
public final class PrivateFolder {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private PrivateFolder() {
	}

	public static Path of(Path folder) {
		try {
			Files.createDirectories(folder);
			if (Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null) {
				Files.setPosixFilePermissions(folder, OWNER_ONLY);
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot make " + folder + " a folder only its owner may open (" + reason(folder, ex) + ")", ex);
		}
	}

	/**
	 * Why, in words: a {@code --state-dir} naming a file, or a folder of someone else's,
	 * is a mistake the user fixes only once told which.
	 */
	private static String reason(Path folder, IOException ex) {
		for (Path path = folder.toAbsolutePath(); path != null; path = path.getParent()) {
			if (Files.exists(path)) {
				if (!Files.isDirectory(path)) {
					return path + " is a file, not a folder";
				}
				break;
			}
		}
		if (ex instanceof AccessDeniedException denied) {
			return "permission denied: " + denied.getFile();
		}
		if (ex instanceof FileSystemException failed && failed.getReason() != null) {
			return failed.getReason() + ": " + failed.getFile();
		}
		return ex.toString();
	}

}
