package io.storefront.launcher.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.storefront.db.config.DotEnvFile;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.Processes;

/**
 * Only one {@code up} per state folder: the lock file holds the launcher's PID (and, once
 * started, its services' PIDs). A lock whose launcher is gone is stale: it is removed
 * with a note, and any service that run left behind is stopped first, so its ports come
 * free.
 *
 * <p>
 * Beside it, a guard file is locked by the operating system for as long as the run lasts,
 * and released by it when the launcher dies however it dies. Only the run that holds the
 * guard reads, clears or writes the lock file: two {@code up} started together after a
 * killed run could otherwise both find the lock stale, both clear it and both go on.
 */
public final class RunLock implements AutoCloseable {

	/**
	 * Part of the launcher's command line, which tells a live launcher from a reused PID.
	 */
	static final String LAUNCHER_MARKER = "storefront-launcher";

	private static final String PID = "pid";

	private static final String SERVICE = "service.";

	private static final String HELPER = "helper.";

	private static final String MARKER = ".marker";

	private final Path file;

	private final FileChannel guard;

	private final Map<String, String> entries = new LinkedHashMap<>();

	private RunLock(Path file, FileChannel guard) {
		this.file = file;
		this.guard = guard;
	}

	public static RunLock acquire(Path file, Consumer<String> notes) {
		FileChannel guard = guard(file);
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				RunLock lock = new RunLock(file, guard);
				lock.entries.put(PID, Long.toString(ProcessHandle.current().pid()));
				lock.entries.put("started", Instant.now().toString());
				try {
					Files.writeString(file, lock.content(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
							StandardOpenOption.WRITE);
					return lock;
				}
				catch (FileAlreadyExistsException ex) {
					clearStale(file, notes);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("cannot write the lock file " + file, ex);
				}
			}
			throw new LauncherException("cannot take the lock " + file + "; is another ./storefront up starting?");
		}
		catch (RuntimeException ex) {
			closeQuietly(guard);
			throw ex;
		}
	}

	/**
	 * The guard beside {@code file}, locked for this run; another run that holds it is
	 * running or starting.
	 */
	private static FileChannel guard(Path file) {
		Path path = file.resolveSibling(file.getFileName() + ".guard");
		FileChannel channel;
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open " + path, ex);
		}
		FileLock held;
		try {
			held = channel.tryLock();
		}
		catch (IOException | OverlappingFileLockException ex) {
			held = null;
		}
		if (held == null) {
			closeQuietly(channel);
			long pid = Processes.parsePid(Files.isRegularFile(file) ? entries(file).get(PID) : null);
			throw (pid > 0) ? alreadyRunning(pid, file)
					: new LauncherException("./storefront up is already starting (lock " + file + ")");
		}
		return channel;
	}

	private static LauncherException alreadyRunning(long pid, Path file) {
		return new LauncherException("./storefront up is already running (PID " + pid + ", lock " + file
				+ "); stop it with Ctrl-C in its terminal or kill " + pid);
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing releases the lock; the process's end would too
		}
	}

	/**
	 * The lock's entries; none when the file is not the text a launcher writes (damaged),
	 * which then reads as a lock of no known process.
	 */
	private static Map<String, String> entries(Path file) {
		try {
			return DotEnvFile.read(file);
		}
		catch (InvalidSettingException ex) {
			return Map.of();
		}
	}

	private static void clearStale(Path file, Consumer<String> notes) {
		Map<String, String> held = entries(file);
		long pid = Processes.parsePid(held.get(PID));
		if (Processes.alive(pid, LAUNCHER_MARKER).isPresent()) {
			throw alreadyRunning(pid, file);
		}
		notes.accept(
				"note: removing stale lock " + file + " (PID " + ((pid > 0) ? pid : "?") + " is no longer running)");
		held.forEach((key, value) -> {
			if (key.startsWith(SERVICE)) {
				String service = key.substring(SERVICE.length());
				// replica r of a service is recorded as <service>#r; its command line
				// names the service's jar
				String jar = service.replaceFirst("#\\d+$", "") + ".jar";
				stopLeftover(service, Processes.parsePid(value), jar, notes);
			}
			else if (key.startsWith(HELPER) && !key.endsWith(MARKER)) {
				String program = key.substring(HELPER.length());
				String marker = held.getOrDefault(key + MARKER, program);
				stopLeftover(program, Processes.parsePid(value), marker, notes);
			}
		});
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove the stale lock " + file, ex);
		}
	}

	private static void stopLeftover(String name, long pid, String marker, Consumer<String> notes) {
		Processes.alive(pid, marker).ifPresent((process) -> {
			notes.accept("note: stopping " + name + " left running by that run (PID " + process.pid() + ")");
			Processes.stop(process, Duration.ofSeconds(15));
		});
	}

	/**
	 * Records a started service, so that a later run can clean up after this one if it is
	 * killed.
	 */
	public synchronized void recordService(String service, long pid) {
		record(SERVICE + service, pid);
	}

	/**
	 * Records a started helper program ({@code haproxy}, {@code pgbouncer}), so that a
	 * later run can stop it if this one is killed.
	 * @param marker part of its command line (its configuration file) that tells it from
	 * a reused PID
	 */
	public synchronized void recordHelper(String program, long pid, String marker) {
		this.entries.put(HELPER + program + MARKER, marker);
		record(HELPER + program, pid);
	}

	private void record(String key, long pid) {
		this.entries.put(key, Long.toString(pid));
		Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		try {
			Files.writeString(temporary, content(), StandardCharsets.UTF_8);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot update the lock file " + this.file, ex);
		}
	}

	public Path file() {
		return this.file;
	}

	@Override
	public synchronized void close() {
		try {
			Map<String, String> held = entries(this.file);
			if (this.entries.get(PID).equals(held.get(PID))) {
				Files.deleteIfExists(this.file);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// best effort: a lock left behind is detected as stale by the next run
		}
		finally {
			closeQuietly(this.guard);
		}
	}

	private String content() {
		StringBuilder text = new StringBuilder("# ./storefront up is running; removed when it stops\n");
		this.entries.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

}
