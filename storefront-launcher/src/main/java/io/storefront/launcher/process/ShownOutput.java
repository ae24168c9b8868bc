package io.storefront.launcher.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A child's output read by a thread of the launcher: each line written whole to the log
 * file, shown on the console after the child's prefix, and the last shown lines
 * remembered.
 */
final class ShownOutput extends ChildOutput {

	/** Enough for a failure report; older lines are in the log file. */
	private static final int REMEMBERED_LINES = 40;

	/** How long reading what an exited child wrote last may take. */
	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

	private final boolean appendToLog;

	private final PrintStream console;

	private final String prefix;

	private final Function<String, List<String>> format;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private Process process;

	private Thread pump;

	ShownOutput(Path log, boolean appendToLog, PrintStream console, String prefix,
			Function<String, List<String>> format) {
		super(log);
		this.appendToLog = appendToLog;
		this.console = console;
		this.prefix = prefix;
		this.format = format;
	}

	@Override
	ProcessBuilder.Redirect destination() {
		return ProcessBuilder.Redirect.PIPE;
	}

	@Override
	void follow(Process process, String name) {
		this.process = process;
		this.pump = Thread.ofPlatform().name(name + "-output").daemon(true).start(this::pump);
	}

	/**
	 * Reads until the child closes its output. A log file that cannot be written is said
	 * once and left alone, but the reading goes on: a child whose output is no longer
	 * read blocks in its next write once the pipe is full, and a service would hang in
	 * its next log line.
	 */
	private void pump() {
		Writer log = openLog();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				log = write(log, line);
				for (String shown : this.format.apply(line)) {
					remember(shown);
					show(shown);
				}
			}
		}
		catch (IOException ex) {
			// the process is gone; what it wrote so far has been shown
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
			return Files.newBufferedWriter(log(), StandardCharsets.UTF_8, mode);
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
		if (!this.process.isAlive()) {
			try {
				this.pump.join(DRAIN_LIMIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			List<String> lines = List.copyOf(this.lastLines);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
	}

}
