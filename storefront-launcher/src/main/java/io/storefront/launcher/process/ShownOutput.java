package io.storefront.launcher.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.storefront.launcher.privatefiles.PrivateFile;

/**
 * A child's output read by a thread of the launcher: each line written whole to the log
 * file, shown on the console after the child's prefix, and the last shown lines
 * remembered.
 */
final class ShownOutput extends ChildOutput {

	/** Enough for a failure report; older lines are in the log file. */
	private static final int REMEMBERED_LINES = 40;

	private final boolean appendToLog;

	private final PrintStream console;

	private final String prefix;

	private final Function<String, List<String>> format;

	private final Deque<String> lastLines = new ArrayDeque<>();

	ShownOutput(Path log, boolean appendToLog, PrintStream console, String prefix,
			Function<String, List<String>> format) {
		super(log);
		this.appendToLog = appendToLog;
		this.console = console;
		this.prefix = prefix;
		this.format = format;
	}

	/** A log file that cannot be written is said once. */
	@Override
	void read(InputStream output) throws IOException {
		Writer log = openLog();
		try {
			BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
			String line;
			while ((line = lines.readLine()) != null) {
				log = write(log, line);
				for (String shown : this.format.apply(line)) {
					remember(shown);
					show(shown);
				}
			}
		}
		finally {
			closeQuietly(log);
		}
	}

	private Writer openLog() {
		OpenOption[] mode = this.appendToLog
				? new OpenOption[] { StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE }
				: new OpenOption[0];
		try {
			return Files.newBufferedWriter(PrivateFile.of(log()), StandardCharsets.UTF_8, mode);
		}
		catch (IOException ex) {
			logLost(ex);
			return null;
		}
	}

	/**
	 * @return the log to write the next line to, or {@code null} once it failed
	 */
	private Writer write(Writer log, String line) {
		if (log == null) {
			return null;
		}
		try {
			log.write(line);
			log.write('\n');
			log.flush();
			return log;
		}
		catch (IOException ex) {
			logLost(ex);
			closeQuietly(log);
			return null;
		}
	}

	private void logLost(IOException ex) {
		show("cannot write " + log() + " (" + ex + "); its output is only shown here from now on");
	}

	private void show(String line) {
		synchronized (this.console) {
			this.console.println(this.prefix + line);
		}
	}

	private static void closeQuietly(Writer log) {
		if (log != null) {
			try {
				log.close();
			}
			catch (IOException ex) {
				// it failed already, and was said to have failed
			}
		}
	}

	private synchronized void remember(String line) {
		if (this.lastLines.size() == REMEMBERED_LINES) {
			this.lastLines.removeFirst();
		}
		this.lastLines.addLast(line);
	}

	@Override
	List<String> lastLines(int count) {
		awaitRead();
		synchronized (this) {
			List<String> lines = List.copyOf(this.lastLines);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
	}

}
