package io.storefront.console.watch;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	@Test
	void startsOnTheDayOfNowShowTheTimeOnly() {
		Restart restart = new Restart(Instant.parse("2026-12-05T11:02:13Z"), Instant.parse("2026-12-05T11:42:07Z"));

		assertThat(restart.reason(Instant.parse("2026-12-05T11:42:09Z"), UTC))
			.isEqualTo("restarted: a new process started at 11:42:07 UTC (the one before had started at 11:02:13 UTC)");
	}

	@Test
	void aStartOnAnotherDayShowsTheDayToo() {
		Restart restart = new Restart(Instant.parse("2026-12-04T23:37:54Z"), Instant.parse("2026-12-05T00:37:54Z"));

		assertThat(restart.reason(Instant.parse("2026-12-05T00:37:55Z"), UTC)).isEqualTo(
				"restarted: a new process started at 00:37:54 UTC (the one before had started at 2026-12-04 23:37:54 UTC)");
	}

	@Test
	void theDayIsTheZonesDay() {
		Restart restart = new Restart(Instant.parse("2026-12-04T23:37:54Z"), Instant.parse("2026-12-05T00:37:54Z"));

		assertThat(restart.reason(Instant.parse("2026-12-05T00:37:55Z"), ZoneId.of("Europe/Berlin")))
			.isEqualTo("restarted: a new process started at 01:37:54 CET (the one before had started at 00:37:54 CET)");
	}

}
