package io.storefront.console.watch;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTests {

	@Test
	void startsOnTheDayOfNowShowTheTimeOnly() {
		Restart restart = new Restart(Instant.parse("2026-12-05T11:02:13Z"), Instant.parse("2026-12-05T11:42:07Z"));

		assertThat(restart.reason(Instant.parse("2026-12-05T11:42:09Z")))
			.isEqualTo("restarted: a new process started at 11:42:07 UTC (the one before had started at 11:02:13 UTC)");
	}

	/** UTC's day: in Berlin both would have been on the 5th. */
	@Test
	void aStartOnAnotherDayShowsTheDayToo() {
		Restart restart = new Restart(Instant.parse("2026-12-04T23:37:54Z"), Instant.parse("2026-12-05T00:37:54Z"));

		assertThat(restart.reason(Instant.parse("2026-12-05T00:37:55Z"))).isEqualTo(
				"restarted: a new process started at 00:37:54 UTC (the one before had started at 2026-12-04 23:37:54 UTC)");
	}

}
