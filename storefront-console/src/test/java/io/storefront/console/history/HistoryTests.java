package io.storefront.console.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.console.poll.Health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

/**
 * The history and the journal survive a restart, stay a day long, and the file stays
 * small.
 */
class HistoryTests {

	private static final String KEY = "auth-service@http://127.0.0.1:8001";

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:30Z");

	@TempDir
	Path folder;

	@Test
	void whatWasRecordedIsThereAfterARestart() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		try (History history = History.open(file, NOW)) {
			for (int i = 0; i < 30; i++) {
				history.record(KEY, NOW.minusSeconds(120 - i), Health.HEALTHY);
			}
			history.record(KEY, NOW.minusSeconds(60), Health.DOWN);
			history.record(KEY, NOW, Health.DEGRADED);
			history
				.journal(new Transition(NOW.minusSeconds(60), KEY, Health.HEALTHY, Health.DOWN, "connection refused"));
			history.journal(Transition.restart(NOW, KEY, Health.DEGRADED, "restarted: a new process"));
		}

		try (History reopened = History.open(file, NOW)) {
			List<Health> strip = reopened.lastHour(KEY, NOW);
			assertThat(strip).hasSize(60);
			assertThat(strip.subList(0, 57)).containsOnlyNulls();
			assertThat(strip.subList(57, 60)).containsExactly(Health.HEALTHY, Health.DOWN, Health.DEGRADED);
			assertThat(reopened.uptime(KEY, NOW, Duration.ofHours(1)).share()).hasValueCloseTo(100.0 * 31 / 32,
					within(0.01));
			assertThat(reopened.transitions()).containsExactly(
					Transition.restart(NOW, KEY, Health.DEGRADED, "restarted: a new process"),
					new Transition(NOW.minusSeconds(60), KEY, Health.HEALTHY, Health.DOWN, "connection refused"));
			assertThat(reopened.transitions().get(0).restart()).isTrue();
		}
	}

	@Test
	void theJournalKeepsItsNewestTransitionsUpToTheLimitAlsoAfterARestart() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		int recorded = 501;
		Instant oldest = NOW.minusSeconds(recorded);
		try (History history = History.open(file, NOW)) {
			for (int i = 0; i < recorded; i++) {
				history
					.journal(new Transition(oldest.plusSeconds(i), KEY, Health.HEALTHY, Health.DOWN, "refused " + i));
			}

			assertThat(history.transitions()).hasSize(500);
			assertThat(history.transitions()).extracting(Transition::at).doesNotContain(oldest);
			assertThat(history.transitions().get(0).reason()).isEqualTo("refused " + (recorded - 1));
			assertThat(history.transitions().get(499).reason()).isEqualTo("refused 1");
		}

		try (History reopened = History.open(file, NOW)) {
			assertThat(reopened.transitions()).hasSize(500);
			assertThat(reopened.transitions()).extracting(Transition::at).doesNotContain(oldest);
			assertThat(reopened.transitions().get(499).reason()).isEqualTo("refused 1");
		}
	}

	/**
	 * The journal holds the services' error texts, which the console shows only with its
	 * access token: the files are the console's user's alone, also one a former version
	 * left readable.
	 */
	@Test
	void theHistoryAndItsLockAreReadableByTheirOwnerAlone() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		Files.writeString(file, "");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		try (History history = History.open(file, NOW)) {
			history.journal(new Transition(NOW, KEY, Health.HEALTHY, Health.DOWN, "password authentication failed"));
		}

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.resolveSibling("history.jsonl.lock")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void aSecondConsoleCannotTakeAHistoryFileInUseUntilTheFirstLetsItGo() throws IOException {
		Path file = this.folder.resolve("shared.jsonl");
		try (History first = History.open(file, NOW)) {
			first.record(KEY, NOW, Health.HEALTHY);

			assertThatIOException().isThrownBy(() -> History.open(file, NOW))
				.withMessage("another console keeps its history there; give each console its own file");
		}

		try (History next = History.open(file, NOW)) {
			assertThat(next.lastHour(KEY, NOW).get(59)).isEqualTo(Health.HEALTHY);
		}
	}

	@Test
	void theFileIsCompactedToALinePerMinuteAndForgetsWhatIsOlderThanADay() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		try (History history = History.open(file, NOW)) {
			history.record(KEY, NOW.minus(Duration.ofHours(25)), Health.DOWN);
			for (int i = 0; i < 600; i++) {
				history.record(KEY, NOW.minusSeconds(600 - i), Health.HEALTHY);
			}
		}
		assertThat(Files.readAllLines(file)).hasSize(601);

		try (History reopened = History.open(file, NOW)) {
			assertThat(Files.readAllLines(file)).hasSizeBetween(10, 11);
			assertThat(reopened.uptime(KEY, NOW, History.KEPT).share()).hasValue(100.0);
		}
	}

	/**
	 * Compaction, which also forgets, follows thousands of appends; memory must not wait
	 * for it (nor grow for ever when the file cannot be written).
	 */
	@Test
	void whatIsOlderThanADayIsForgottenInMemoryAsTimeGoesOnWithoutACompaction() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		Instant dayBefore = NOW.minus(History.KEPT).minus(Duration.ofHours(1));
		try (History history = History.open(file, dayBefore)) {
			history.record(KEY, dayBefore, Health.DOWN);
			history.journal(new Transition(dayBefore, KEY, Health.HEALTHY, Health.DOWN, "database unreachable"));

			history.record(KEY, NOW, Health.HEALTHY);

			assertThat(history.lastHour(KEY, dayBefore.plusSeconds(60))).containsOnlyNulls();
			assertThat(history.uptime(KEY, NOW, History.KEPT).share()).hasValue(100.0);
			assertThat(history.transitions()).isEmpty();
			assertThat(Files.readAllLines(file)).as("nothing compacted: the file still holds all three lines")
				.hasSize(3);
		}
	}

	/**
	 * A compaction that fails (here: something in the way of its temporary file) must not
	 * end the file's writing until a restart: a minute later the file is written again,
	 * whole, with what was recorded meanwhile.
	 */
	@Test
	void aFileThatCouldNotBeWrittenIsWrittenAgainWholeAMinuteLater() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		try (History history = History.open(file, NOW.minusSeconds(3600))) {
			Instant failed = failACompaction(history, file);
			history.record(KEY, failed.plusSeconds(10), Health.DOWN);
			history.journal(new Transition(failed.plusSeconds(10), KEY, Health.HEALTHY, Health.DOWN, "refused"));
			clearTheWay(file);

			history.record(KEY, failed.plus(History.RETRY_WRITE_AFTER), Health.HEALTHY);
		}

		try (History reopened = History.open(file, NOW)) {
			assertThat(reopened.uptime(KEY, NOW, Duration.ofHours(1)).share())
				.hasValueCloseTo(100.0 * (History.COMPACT_AFTER + 1) / (History.COMPACT_AFTER + 2), within(0.0001));
			assertThat(reopened.transitions()).extracting(Transition::reason).containsExactly("refused");
		}
	}

	/** A stop while a retry is pending tries the file once more. */
	@Test
	void aStopWhileTheFileCouldNotBeWrittenTriesOnceMore() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		try (History history = History.open(file, NOW.minusSeconds(3600))) {
			Instant failed = failACompaction(history, file);
			history.journal(new Transition(failed, KEY, Health.HEALTHY, Health.DOWN, "refused"));
			clearTheWay(file);
		}

		try (History reopened = History.open(file, NOW)) {
			assertThat(reopened.uptime(KEY, NOW, Duration.ofHours(1)).share()).hasValue(100.0);
			assertThat(reopened.transitions()).extracting(Transition::reason).containsExactly("refused");
		}
	}

	/**
	 * Puts a folder that is not empty where the compaction writes its temporary file and
	 * records healthy samples until a compaction is due; returns when it failed.
	 */
	private static Instant failACompaction(History history, Path file) throws IOException {
		Path inTheWay = Files.createDirectories(file.resolveSibling(file.getFileName() + ".compacting"));
		Files.createFile(inTheWay.resolve("not-empty"));
		Instant start = NOW.minusSeconds(600);
		for (int i = 0; i < History.COMPACT_AFTER; i++) {
			history.record(KEY, start.plusMillis(i), Health.HEALTHY);
		}
		return start.plusMillis(History.COMPACT_AFTER);
	}

	private static void clearTheWay(Path file) throws IOException {
		Path inTheWay = file.resolveSibling(file.getFileName() + ".compacting");
		Files.delete(inTheWay.resolve("not-empty"));
		Files.delete(inTheWay);
	}

	@Test
	void pendingSamplesCountNeitherWayAndNoSamplesMeansNoUptime() throws IOException {
		try (History history = History.open(this.folder.resolve("h.jsonl"), NOW)) {
			assertThat(history.uptime(KEY, NOW, Duration.ofHours(1)).share()).isEmpty();
			history.record(KEY, NOW, Health.PENDING);
			history.record(KEY, NOW, Health.STALE);
			history.record(KEY, NOW, Health.HEALTHY);

			assertThat(history.uptime(KEY, NOW, Duration.ofHours(1)).share()).hasValue(50.0);
			assertThat(history.lastHour(KEY, NOW).get(59)).isEqualTo(Health.STALE);
		}
	}

	/**
	 * A share of two minutes' samples read as a whole day's: the uptime says how many
	 * minutes of its window its samples fall in, across the console's absence and a
	 * restart, a minute of pending samples only not counted.
	 */
	@Test
	void theUptimeSaysHowManyMinutesOfItsWindowItsSamplesFallIn() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		try (History history = History.open(file, NOW.minus(Duration.ofHours(3)))) {
			history.record(KEY, NOW.minus(Duration.ofHours(3)), Health.HEALTHY);
			history.record(KEY, NOW.minusSeconds(150), Health.PENDING);
			history.record(KEY, NOW.minusSeconds(60), Health.DOWN);
			history.record(KEY, NOW.minusSeconds(50), Health.HEALTHY);
			history.record(KEY, NOW, Health.HEALTHY);
		}

		try (History reopened = History.open(file, NOW)) {
			Uptime hour = reopened.uptime(KEY, NOW, Duration.ofHours(1));
			Uptime day = reopened.uptime(KEY, NOW, History.KEPT);
			assertThat(hour.sampledMinutes()).isEqualTo(2);
			assertThat(hour.share()).hasValueCloseTo(100.0 * 2 / 3, within(0.01));
			assertThat(day.sampledMinutes()).isEqualTo(3);
			assertThat(day.share()).hasValue(75.0);
			assertThat(reopened.uptime("another", NOW, History.KEPT)).isEqualTo(new Uptime(OptionalDouble.empty(), 0));
		}
	}

	/**
	 * A clock stepped back: a sample recorded while it was ahead is timestamped after
	 * now, and is no part of the window before now.
	 */
	@Test
	void aSampleTimestampedAfterNowIsNotInTheUptime() throws IOException {
		try (History history = History.open(this.folder.resolve("history.jsonl"), NOW)) {
			history.record(KEY, NOW.plus(Duration.ofMinutes(2)), Health.DOWN);
			for (int minutes = 59; minutes >= 0; minutes--) {
				history.record(KEY, NOW.minus(Duration.ofMinutes(minutes)), Health.HEALTHY);
			}

			Uptime hour = history.uptime(KEY, NOW, Duration.ofHours(1));
			assertThat(hour.sampledMinutes()).isEqualTo(60);
			assertThat(hour.share()).hasValue(100.0);
		}
	}

	@Test
	void aWindowSampledEveryMinuteIsWhole() throws IOException {
		try (History history = History.open(this.folder.resolve("history.jsonl"), NOW)) {
			for (int minutes = 90; minutes >= 0; minutes--) {
				history.record(KEY, NOW.minus(Duration.ofMinutes(minutes)), Health.HEALTHY);
			}

			assertThat(history.uptime(KEY, NOW, Duration.ofHours(1)).sampledMinutes()).isEqualTo(60);
			assertThat(history.uptime(KEY, NOW, History.KEPT).sampledMinutes()).isEqualTo(91);
		}
	}

	/**
	 * A minute just begun has no sample until the console's first poll in it: an hour
	 * watched throughout read "of 59 min watched" for that moment at every minute.
	 */
	@Test
	void aMinuteNotYetSampledLeavesTheWindowWhole() throws IOException {
		try (History history = History.open(this.folder.resolve("history.jsonl"), NOW)) {
			for (int minutes = 60; minutes >= 1; minutes--) {
				history.record(KEY, NOW.minus(Duration.ofMinutes(minutes)), Health.HEALTHY);
			}
			history.record(KEY, NOW.minus(Duration.ofMinutes(61)), Health.DOWN);

			Uptime hour = history.uptime(KEY, NOW, Duration.ofHours(1));
			assertThat(hour.sampledMinutes()).isEqualTo(60);
			assertThat(hour.share()).as("the hour's samples, not the one before it").hasValue(100.0);
		}
	}

	@Test
	void anUnreadableLineIsSkippedNotFatal() throws IOException {
		Path file = this.folder.resolve("history.jsonl");
		Files.writeString(file, "{\"k\":\"" + KEY + "\",\"t\":" + NOW.toEpochMilli() + ",\"h\":\"healthy\"}\n"
				+ "{not json\n" + "{\"k\":\"x\",\"t\":1,\"h\":\"no-such-health\"}\n", StandardCharsets.UTF_8);

		try (History history = History.open(file, NOW)) {
			assertThat(history.lastHour(KEY, NOW).get(59)).isEqualTo(Health.HEALTHY);
		}
	}

}
