package io.storefront.console.watch;

import java.time.Instant;
import java.time.ZoneId;
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

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss z");

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	/**
	 * For the journal: {@code restarted: a new process started at 11:42:07 UTC (the one
	 * before had started at 11:02:13 UTC)}, with the day of a start not on {@code now}'s.
	 */
	String reason(Instant now, ZoneId zone) {
		return "restarted: a new process started at " + time(this.after, now, zone) + " (the one before had started at "
				+ time(this.before, now, zone) + ")";
	}

	private static String time(Instant at, Instant now, ZoneId zone) {
		ZonedDateTime local = at.atZone(zone);
		boolean today = local.toLocalDate().equals(now.atZone(zone).toLocalDate());
		return (today ? TIME : DAY_AND_TIME).format(local);
	}

}
