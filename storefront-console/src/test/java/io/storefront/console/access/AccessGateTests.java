package io.storefront.console.access;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import io.storefront.console.SettableClock;
import io.storefront.console.settings.ConsoleSettings;

import static org.assertj.core.api.Assertions.assertThat;

class AccessGateTests {

	private static final String ACCESS = "let-me-see";

	private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T08:00:00Z"));

	private final AccessGate gate = new AccessGate(new ConsoleSettings(List.of("auth-service=http://127.0.0.1:1"),
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(3), null, ACCESS, Path.of("unused-history.jsonl")), this.clock);

	/**
	 * A login's cookie, asked with again as the clock moves on: it opens the console up
	 * to the last moment of its 12 hours, and nothing once they are over.
	 */
	@Test
	void aSessionIsHonouredForTwelveHoursAndNoLonger() {
		String session = this.gate.login(ACCESS, "192.0.2.7").orElseThrow();
		assertThat(this.gate.access(withCookie(session))).isInstanceOf(Access.Granted.class);

		this.clock.advance(Duration.ofHours(12).minusSeconds(1));
		assertThat(this.gate.access(withCookie(session))).as("a second before its 12 hours are over")
			.isInstanceOf(Access.Granted.class);

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.gate.access(withCookie(session))).as("a second after").isInstanceOf(Access.Refused.class);
	}

	private static MockHttpServletRequest withCookie(String session) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("192.0.2.7");
		request.setCookies(new Cookie(AccessGate.COOKIE, session));
		return request;
	}

}
