package io.storefront.cli.envfile;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a folder could not be made or written into, in words. The JDK leaves the reason out
 * of its exceptions for the commonest failures, naming only a path; and a path naming a
 * file where a folder should be (a {@code --state-dir} or {@code --out} given a file) is
 * a mistake the user fixes only once told which part of it is the file.
 */
public final class FileFailureReason {

	private FileFailureReason() {
	}

	/**
	 * @param folder the folder that was to be made, or written into
	 * @param failure what the file system answered
	 */
	public static String of(Path folder, IOException failure) {
		Path file = nearestExisting(folder);
		if (file != null && !Files.isDirectory(file)) {
			return file + " is a file, not a folder";
		}
		if (!(failure instanceof FileSystemException problem) || problem.getReason() != null) {
			return (failure.getMessage() != null) ? failure.getMessage() : failure.toString();
		}
		return switch (problem) {
			case FileAlreadyExistsException taken -> taken.getFile() + " is a file, not a folder";
			case NotDirectoryException notFolder -> notFolder.getFile() + " is a file, not a folder";
			case AccessDeniedException denied -> denied.getFile() + ": permission denied";
			case NoSuchFileException missing -> missing.getFile() + " does not exist and cannot be made there";
			default -> problem.getFile() + ": " + problem.getClass().getSimpleName();
		};
	}

	private static Path nearestExisting(Path folder) {
		for (Path path = folder.toAbsolutePath(); path != null; path = path.getParent()) {
			if (Files.exists(path)) {
				return path;
			}
		}
		return null;
	}

}
