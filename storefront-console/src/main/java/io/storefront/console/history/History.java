package io.storefront.console.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.storefront.console.poll.Health;

/**
 * Every instance's samples, tallied per minute, for a day, and the journal of
 * transitions, kept across restarts in one JSON-lines file of the console's own. Each
 * sample and transition is appended as it happens; now and then (and at start) the file
 * is rewritten with one line per instance and minute, so it stays small: about 1,500
 * lines per instance for a day.
 */
public final class History implements AutoCloseable {

	public static final Duration KEPT = Duration.ofHours(24);

	static final int JOURNAL_LIMIT = 500;

	/** Appended lines after which the file is compacted. */
	static final int COMPACT_AFTER = 5_000;

	/** How long after a failed write the file is written again, whole. */
	static final Duration RETRY_WRITE_AFTER = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(History.class);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Path file;

	/** Held locked while this console keeps the file; see {@link #open}. */
	private FileChannel owner;

	private final Map<String, TreeMap<Long, Tally>> minutes = new HashMap<>();

	private final Deque<Transition> journal = new ArrayDeque<>();

	private BufferedWriter writer;

	private int appended;

	/** The minute of the last time what is older than {@link #KEPT} was forgotten. */
	private long forgottenAt = Long.MIN_VALUE;

	/**
	 * While the file cannot be written, when to try again: by a compaction, which writes
	 * everything kept in memory, so nothing recorded meanwhile is missing from the file.
	 */
	private Instant retryWriteAt;

	private boolean closed;

	/** The time of the last sample or transition, for a last write at {@link #close}. */
	private Instant latest;

	private History(Path file) {
		this.file = file;
	}

	/**
	 * Reads what {@code file} holds (lines it cannot read are skipped), compacts it, and
	 * keeps appending to it. One console at a time: a compaction replaces the file, and a
	 * second console appending to the one replaced would lose everything it wrote, so the
	 * file is taken with an operating-system lock on {@code <file>.lock} until
	 * {@link #close}.
	 * @throws IOException if the file cannot be written, or another console has it
	 */
	public static History open(Path file, Instant now) throws IOException {
		History history = new History(file.toAbsolutePath());
		history.owner = own(history.file);
		try {
			history.load(now);
			history.compact(now);
		}
		catch (IOException | RuntimeException ex) {
			history.owner.close();
			throw ex;
		}
		return history;
	}

	private static FileChannel own(Path file) throws IOException {
		if (file.getFileName() == null || Files.isDirectory(file)) {
			throw new FolderNotFileException(file);
		}
		Path parent = file.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
				Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly(file));
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			throw new IOException("another console keeps its history there; give each console its own file");
		}
		return channel;
	}

	/** The history file named a folder ({@code /}, or one that exists). */
	public static final class FolderNotFileException extends IOException {

		FolderNotFileException(Path file) {
			super(file + " is a folder, not a file");
		}

	}

	public synchronized void record(String key, Instant at, Health health) {
		forgetOlderThanKept(at);
		tally(key, minute(at)).add(health, 1);
		ObjectNode line = JSON.createObjectNode().put("k", key).put("t", at.toEpochMilli()).put("h", health.json());
		append(line, at);
	}

	public synchronized void journal(Transition transition) {
		forgetOlderThanKept(transition.at());
		remember(transition);
		append(transitionLine(transition), transition.at());
	}

	/**
	 * The last hour, a minute a cell, oldest first: the worst health of each minute, null
	 * where none was seen.
	 */
	public synchronized List<Health> lastHour(String key, Instant now) {
		TreeMap<Long, Tally> tallies = this.minutes.getOrDefault(key, new TreeMap<>());
		long current = minute(now);
		List<Health> strip = new ArrayList<>(60);
		for (long minute = current - 59; minute <= current; minute++) {
			Tally tally = tallies.get(minute);
			strip.add((tally != null) ? tally.worst() : null);
		}
		return strip;
	}

	/**
	 * The share of samples that said up within {@code window} before {@code now}, and how
	 * many of its minutes those samples fall in: fewer than the window's while the
	 * console has watched for less, or was not running for a while. A minute just begun
	 * and not yet sampled is left out, the window ending with the minute before: else a
	 * window watched throughout would read as a minute short for a moment every minute.
	 */
	public synchronized Uptime uptime(String key, Instant now, Duration window) {
		TreeMap<Long, Tally> tallies = this.minutes.getOrDefault(key, new TreeMap<>());
		Tally current = tallies.get(minute(now));
		long last = (current != null && current.judged() > 0) ? minute(now) : minute(now) - 1;
		long from = last - window.toMinutes() + 1;
		int up = 0;
		int judged = 0;
		int sampledMinutes = 0;
		for (Tally tally : tallies.subMap(from, true, last, true).values()) {
			up += tally.up();
			judged += tally.judged();
			sampledMinutes += (tally.judged() > 0) ? 1 : 0;
		}
		return new Uptime((judged == 0) ? OptionalDouble.empty() : OptionalDouble.of(100.0 * up / judged),
				sampledMinutes);
	}

	/** The journal, newest first. */
	public synchronized List<Transition> transitions() {
		List<Transition> newestFirst = new ArrayList<>(this.journal);
		java.util.Collections.reverse(newestFirst);
		return newestFirst;
	}

	private Tally tally(String key, long minute) {
		return this.minutes.computeIfAbsent(key, (k) -> new TreeMap<>()).computeIfAbsent(minute, (m) -> new Tally());
	}

	/**
	 * Once a minute, whether or not the file can be written: compaction, which also
	 * forgets, only follows thousands of appends that succeeded.
	 */
	private void forgetOlderThanKept(Instant now) {
		long minute = minute(now);
		if (minute <= this.forgottenAt) {
			return;
		}
		this.forgottenAt = minute;
		long oldest = minute(now.minus(KEPT));
		Instant oldestTransition = now.minus(KEPT);
		this.minutes.values().forEach((tallies) -> tallies.headMap(oldest, false).clear());
		this.minutes.values().removeIf(TreeMap::isEmpty);
		this.journal.removeIf((transition) -> transition.at().isBefore(oldestTransition));
	}

	private void remember(Transition transition) {
		this.journal.addLast(transition);
		while (this.journal.size() > JOURNAL_LIMIT) {
			this.journal.removeFirst();
		}
	}

	private void append(ObjectNode line, Instant now) {
		if (this.closed) {
			return;
		}
		this.latest = now;
		try {
			if (this.retryWriteAt != null || this.writer == null) {
				retryWrite(now);
				return;
			}
			this.writer.write(JSON.writeValueAsString(line));
			this.writer.write('\n');
			this.writer.flush();
			if (++this.appended >= COMPACT_AFTER) {
				compact(now);
			}
		}
		catch (IOException ex) {
			if (this.retryWriteAt == null) {
				logger.warn("cannot write the history file {} ({}); the history is kept in memory and the file "
						+ "written again in {} s", this.file, ex.getMessage(), RETRY_WRITE_AFTER.toSeconds());
			}
			this.retryWriteAt = now.plus(RETRY_WRITE_AFTER);
		}
	}

	/**
	 * Writes the file again, whole, once the retry is due; at once when there is no
	 * writer, which only a compaction that failed otherwise than by writing leaves.
	 */
	private void retryWrite(Instant now) throws IOException {
		if (this.retryWriteAt != null && now.isBefore(this.retryWriteAt)) {
			return;
		}
		compact(now);
		this.retryWriteAt = null;
		logger.info("the history file {} is written again", this.file);
	}

	private void load(Instant now) throws IOException {
		if (!Files.exists(this.file)) {
			return;
		}
		int skipped = 0;
		for (String text : Files.readAllLines(this.file, StandardCharsets.UTF_8)) {
			if (text.isBlank()) {
				continue;
			}
			try {
				JsonNode line = JSON.readTree(text);
				String key = line.path("k").asString();
				if (line.has("to")) {
					remember(new Transition(Instant.ofEpochMilli(line.path("t").asLong()), key,
							Health.fromJson(line.path("from").asString()), Health.fromJson(line.path("to").asString()),
							line.path("reason").isNull() ? null : line.path("reason").asString()));
				}
				else if (line.has("m")) {
					Tally tally = tally(key, line.path("m").asLong());
					line.path("c")
						.properties()
						.forEach((count) -> tally.add(Health.fromJson(count.getKey()), count.getValue().asInt()));
				}
				else {
					tally(key, minute(Instant.ofEpochMilli(line.path("t").asLong())))
						.add(Health.fromJson(line.path("h").asString()), 1);
				}
			}
			catch (JacksonException | IllegalArgumentException ex) {
				skipped++;
			}
		}
		if (skipped > 0) {
			logger.warn("skipped {} unreadable line(s) of the history file {}", skipped, this.file);
		}
	}

	/**
	 * Rewrites the file with what is still kept: one line per instance and minute, then
	 * the journal.
	 */
	private void compact(Instant now) throws IOException {
		this.forgottenAt = Long.MIN_VALUE;
		forgetOlderThanKept(now);
		closeWriter();
		Path parent = this.file.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Path compacted = this.file.resolveSibling(this.file.getFileName() + ".compacting");
		Files.deleteIfExists(compacted);
		Files.createFile(compacted, ownerOnly(compacted));
		try {
			writeKept(compacted);
		}
		catch (IOException ex) {
			// a full disk: the half-written file would hold the room the next try needs
			Files.deleteIfExists(compacted);
			throw ex;
		}
		Files.move(compacted, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		this.writer = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		this.appended = 0;
	}

	private void writeKept(Path compacted) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(compacted, StandardCharsets.UTF_8)) {
			for (Map.Entry<String, TreeMap<Long, Tally>> instance : this.minutes.entrySet()) {
				for (Map.Entry<Long, Tally> minute : instance.getValue().entrySet()) {
					ObjectNode line = JSON.createObjectNode().put("k", instance.getKey()).put("m", minute.getKey());
					ObjectNode counts = line.putObject("c");
					minute.getValue().counts().forEach((health, count) -> counts.put(health.json(), count));
					out.write(JSON.writeValueAsString(line));
					out.write('\n');
				}
			}
			for (Transition transition : this.journal) {
				out.write(JSON.writeValueAsString(transitionLine(transition)));
				out.write('\n');
			}
		}
	}

	/**
	 * Read and write for the console's user alone, where the file system has POSIX
	 * permissions: the journal holds the services' error texts, which the console shows
	 * only to those with its access token.
	 */
	private static FileAttribute<?>[] ownerOnly(Path file) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		if (folder == null || !Files.getFileStore(folder).supportsFileAttributeView("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
	}

	private static ObjectNode transitionLine(Transition transition) {
		return JSON.createObjectNode()
			.put("k", transition.key())
			.put("t", transition.at().toEpochMilli())
			.put("from", transition.from().json())
			.put("to", transition.to().json())
			.put("reason", transition.reason());
	}

	private static long minute(Instant at) {
		return Math.floorDiv(at.toEpochMilli(), 60_000L);
	}

	/**
	 * Closes the appending writer before the file is replaced. A failure to write what it
	 * still buffers loses nothing: the compaction that follows writes all that is kept.
	 */
	private void closeWriter() {
		if (this.writer == null) {
			return;
		}
		try {
			this.writer.close();
		}
		catch (IOException ex) {
			logger.debug("closing the history file's writer", ex);
		}
		this.writer = null;
	}

	/**
	 * Stops writing; while a retry is pending, the file is tried once more, so that what
	 * was recorded since the failure is not lost to a stop.
	 */
	@Override
	public synchronized void close() throws IOException {
		if (!this.closed && this.retryWriteAt != null) {
			try {
				compact(this.latest);
			}
			catch (IOException ex) {
				logger.warn("cannot write the history file {} ({}); what was recorded since the last write is lost",
						this.file, ex.getMessage());
			}
		}
		this.closed = true;
		try {
			if (this.writer != null) {
				this.writer.close();
				this.writer = null;
			}
		}
		finally {
			this.owner.close();
		}
	}

}
