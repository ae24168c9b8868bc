package io.storefront.cli.envfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storefront.db.config.DotEnvFile;

/**
 * A {@code KEY=value} file holding secrets, readable by its owner only (mode 600).
 * Writing sets the given keys and keeps every other line (comments, variables someone
 * added by hand); the new content goes to a private temporary file first, which then
 * replaces the old one in one step, so a reader never sees half a file and the secret
 * never sits in a file others may read.
 */
public final class EnvFile {

	public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private EnvFile() {
	}

	/** The file's variables, or an empty map when it does not exist. */
	public static Map<String, String> read(Path file) {
		return DotEnvFile.read(file);
	}

	/**
	 * Sets {@code updates} in {@code file}, creating it (and its folder, mode 700) when
	 * missing.
	 * @param header comment lines for a new file, without the leading {@code #}
	 */
	public static void write(Path file, Map<String, String> updates, List<String> header) {
		try {
			createDirectory(file.toAbsolutePath().getParent());
			List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
					: header.stream().map((line) -> "# " + line).toList();
			String content = String.join("\n", merge(lines, updates)) + "\n";
			replace(file, content);
		}
		catch (IOException ex) {
			throw cannotWrite(file, ex);
		}
	}

	/**
	 * Replaces {@code file} with {@code content} in one step, readable by its owner only
	 * (folder mode 700 when new).
	 */
	public static void writePrivately(Path file, String content) {
		try {
			createDirectory(file.toAbsolutePath().getParent());
			replace(file, content);
		}
		catch (IOException ex) {
			throw cannotWrite(file, ex);
		}
	}

	/**
	 * Fails as {@link #write} would when {@code file} could not be written (its folder
	 * cannot be made or written to, or the name is taken by a folder), before anything
	 * depends on the write succeeding; creates the folder as {@code write} would.
	 */
	public static void requireWritable(Path file) {
		try {
			createDirectory(file.toAbsolutePath().getParent());
			if (Files.isDirectory(file)) {
				throw new IOException("it is a folder");
			}
			Files.delete(createPrivateFile(file.toAbsolutePath().getParent(), file.getFileName().toString()));
		}
		catch (IOException ex) {
			throw cannotWrite(file, ex);
		}
	}

	/** "cannot write FILE: WHY". */
	private static UncheckedIOException cannotWrite(Path file, IOException failure) {
		return new UncheckedIOException(
				"cannot write " + file + ": " + FileFailureReason.of(file.toAbsolutePath().getParent(), failure),
				failure);
	}

	static List<String> merge(List<String> lines, Map<String, String> updates) {
		Map<String, String> pending = new LinkedHashMap<>(updates);
		List<String> merged = new ArrayList<>();
		for (String line : lines) {
			String key = keyOf(line);
			if (key != null && updates.containsKey(key)) {
				if (pending.containsKey(key)) {
					merged.add(key + "=" + pending.remove(key));
				}
				// a second line for the same key would override the first one: drop it
				continue;
			}
			merged.add(line);
		}
		pending.forEach((key, value) -> merged.add(key + "=" + value));
		return merged;
	}

	private static String keyOf(String line) {
		String trimmed = line.strip();
		if (trimmed.startsWith("#")) {
			return null;
		}
		if (trimmed.startsWith("export ")) {
			trimmed = trimmed.substring("export ".length()).strip();
		}
		int equals = trimmed.indexOf('=');
		return (equals <= 0) ? null : trimmed.substring(0, equals).strip();
	}

	/**
	 * Writes a new file beside {@code file} and moves it over, so that a reader never
	 * sees half of it. The new file keeps the owner and group of the one it replaces
	 * where this user may set them: a folder handed to another user ({@code chown -R
	 * postgres:} for PgBouncer) stays readable by it after a re-run as root.
	 */
	private static void replace(Path file, String content) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Path temporary = createPrivateFile(folder, file.getFileName().toString());
		try {
			keepOwnership(file, temporary);
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				channel.write(StandardCharsets.UTF_8.encode(content));
				channel.force(true);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void keepOwnership(Path existing, Path replacement) {
		if (!Files.exists(existing) || !isPosix(existing)) {
			return;
		}
		try {
			PosixFileAttributes old = Files.readAttributes(existing, PosixFileAttributes.class);
			PosixFileAttributeView view = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
			view.setGroup(old.group());
			view.setOwner(old.owner());
		}
		catch (IOException ex) {
			// Not this user's to give away (only root may): the new file is this user's,
			// as it would be without the old one.
		}
	}

	/**
	 * An empty file that only its owner may read, with its permissions set before
	 * anything is written.
	 */
	private static Path createPrivateFile(Path folder, String name) throws IOException {
		if (!isPosix(folder)) {
			return Files.createTempFile(folder, "." + name + ".", ".tmp");
		}
		FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
		Path temporary = Files.createTempFile(folder, "." + name + ".", ".tmp", ownerOnly);
		Files.setPosixFilePermissions(temporary, OWNER_ONLY);
		return temporary;
	}

	public static void createDirectory(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		Files.createDirectories(folder.getParent());
		if (isPosix(folder.getParent())) {
			Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		else {
			Files.createDirectory(folder);
		}
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
