package io.storefront.launcher.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.storefront.launcher.privatefiles.PrivateFile;

/**
 * A child's output appended to its log file as it comes, never shown; its last non-blank
 * lines are read back from that file.
 */
final class LogFileOutput extends ChildOutput {

	LogFileOutput(Path log) {
		super(log);
	}

	/**
	 * A log file that cannot be written is left alone; what it would have kept is lost.
	 */
	@Override
	void read(InputStream output) throws IOException {
		OutputStream log = openLog();
		try {
			byte[] buffer = new byte[8192];
			int read;
			while ((read = output.read(buffer)) != -1) {
				log = write(log, buffer, read);
			}
		}
		finally {
			closeQuietly(log);
		}
	}

	private OutputStream openLog() {
		try {
			return Files.newOutputStream(PrivateFile.of(log()), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * @return the log to write the next bytes to, or {@code null} once it failed
	 */
	private static OutputStream write(OutputStream log, byte[] buffer, int length) {
		if (log == null) {
			return null;
		}
		try {
			log.write(buffer, 0, length);
			return log;
		}
		catch (IOException ex) {
			closeQuietly(log);
			return null;
		}
	}

	private static void closeQuietly(OutputStream log) {
		if (log != null) {
			try {
				log.close();
			}
			catch (IOException ex) {
				// it failed already
			}
		}
	}

	@Override
	List<String> lastLines(int count) {
		awaitRead();
		try {
			List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.toList();
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of();
		}
	}

}
