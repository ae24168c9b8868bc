package io.storefront.console.watch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A service instance's process was replaced between two polls: its {@code /metrics} gave
 * a later start time than before. A crashed replica started again within
 * {@code stale-after} never changes health; this is how the journal still tells.
 *
 * @param before the start time seen until now
 * @param after the new process' start time
 */
record Restart(Instant before, Instant after) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

	/**
	 * For the journal: {@code restarted: a new process started at 11:42:07 UTC (the one
	 * before had started at 11:02:13 UTC)}, with the day of a start not on {@code now}'s.
	 * In UTC, as every time the page shows, not in the zone of the console's machine,
	 * which the browser's need not be.
	 */
	String reason(Instant now) {
		return "restarted: a new process started at " + time(this.after, now) + " (the one before had started at "
				+ time(this.before, now) + ")";
	}

	private static String time(Instant at, Instant now) {
		ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
		boolean today = utc.toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate());
		return (today ? TIME : DAY_AND_TIME).format(utc);
	}

}
