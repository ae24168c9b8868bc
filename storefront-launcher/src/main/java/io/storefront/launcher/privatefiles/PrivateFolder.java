package io.storefront.launcher.privatefiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.storefront.cli.envfile.FileFailureReason;

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
			throw new UncheckedIOException("cannot make " + folder + " a folder only its owner may open ("
					+ FileFailureReason.of(folder, ex) + ")", ex);
		}
	}

}
