package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What initdb, pg_ctl and PostgreSQL wrote to {@code postgres.log} since this start began
 * (the file keeps every earlier run's lines too).
 */
final class StartLog {

	/**
	 * A TCP socket on the port (IPv4 or IPv6 of localhost) or the Unix socket named after
	 * it: another program has the port.
	 */
	private static final Pattern PORT_TAKEN = Pattern
		.compile("Address already in use|lock file \"[^\"]*\\.s\\.PGSQL\\.\\d+\\.lock\" already exists");

	/** pg_ctl's word when the server it started exited during its start. */
	private static final String SERVER_EXITED = "could not start server";

	private final Path file;

	private final long startOffset;

	private StartLog(Path file, long startOffset) {
		this.file = file;
		this.startOffset = startOffset;
	}

	static StartLog from(Path file) {
		try {
			return new StartLog(file, Files.size(file));
		}
		catch (IOException ex) {
			return new StartLog(file, 0);
		}
	}

	boolean saysPortTaken() {
		return PORT_TAKEN.matcher(text()).find();
	}

	boolean saysServerExited() {
		return text().contains(SERVER_EXITED);
	}

	List<String> lastLines(int count) {
		List<String> lines = text().lines().toList();
		return lines.isEmpty() ? List.of("(nothing)") : lines.subList(Math.max(0, lines.size() - count), lines.size());
	}

	Path file() {
		return this.file;
	}

	private String text() {
		try (InputStream in = Files.newInputStream(this.file)) {
			in.skipNBytes(Math.min(this.startOffset, Files.size(this.file)));
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
