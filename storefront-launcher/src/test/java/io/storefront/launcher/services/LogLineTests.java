package io.storefront.launcher.services;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineTests {

	@Test
	void structuredLineBecomesTimeLevelMessage() {
		String json = "{\"@timestamp\":\"2026-01-02T10:11:12.345678Z\",\"@version\":\"1\",\"message\":\"Started in 3.2 s\","
				+ "\"logger_name\":\"x\",\"thread_name\":\"main\",\"level\":\"INFO\",\"level_value\":20000}";

		assertThat(LogLine.format(json)).containsExactly("10:11:12.345 INFO  Started in 3.2 s");
	}

	@Test
	void stackTraceFollowsIndented() {
		String json = "{\"@timestamp\":\"2026-01-02T10:11:12Z\",\"message\":\"boom\",\"level\":\"ERROR\","
				+ "\"stack_trace\":\"java.lang.IllegalStateException: x\\n\\tat a.B.c(B.java:1)\"}";

		assertThat(LogLine.format(json)).containsExactly("10:11:12 ERROR boom",
				"    java.lang.IllegalStateException: x", "    at a.B.c(B.java:1)");
	}

	@Test
	void anythingElsePassesThrough() {
		assertThat(LogLine.format("plain text")).containsExactly("plain text");
		assertThat(LogLine.format("{not json}")).containsExactly("{not json}");
	}

}
