package io.storefront.web.problem;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the 503 lines are written, on a clock the test moves: the real-time behaviour,
 * over HTTP, is in {@code DatabaseFailureLogTests}. These pin down what takes seconds and
 * luck to see there: the flush that runs each second must not take the line of a 503 that
 * is still to come.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseFailureLogTimingTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void whileA503ComesEveryFewSecondsTheFlushLeavesTheLineToTheNext503(CapturedOutput output) {
		DatabaseFailureLog log = new DatabaseFailureLog("steady", "a steady trickle of 503s", this.now::get);
		int before = output.getOut().length();

		log.failed();
		for (int second = 3; second <= 9; second += 3) {
			at(Duration.ofSeconds(second));
			log.failed();
		}
		at(Duration.ofMillis(10_050));
		log.logCountIfDue();
		at(Duration.ofMillis(12_000));
		log.failed();

		assertThat(lines(output, before, "a steady trickle of 503s"))
			.as("a full line, then the next 503's, with the count")
			.hasSize(2)
			.noneMatch((line) -> line.contains("count only"))
			.last()
			.satisfies((line) -> assertThat(line).contains("(3 more since the last such line)"));
	}

	@Test
	void aBurstThatEndedIsCountedTenSecondsAfterItsLast503(CapturedOutput output) {
		DatabaseFailureLog log = new DatabaseFailureLog("ended", "a burst of 503s that ended", this.now::get);
		int before = output.getOut().length();

		log.failed();
		at(Duration.ofSeconds(4));
		log.failed();
		at(Duration.ofMillis(13_900));
		log.logCountIfDue();
		assertThat(lines(output, before, "a burst of 503s that ended")).as("the last 503 is 9.9 s old").hasSize(1);

		at(Duration.ofMillis(14_000));
		log.logCountIfDue();
		assertThat(lines(output, before, "a burst of 503s that ended")).hasSize(2)
			.last()
			.satisfies((line) -> assertThat(line).contains("count only", "(1 more since the last such line)"));
	}

	private void at(Duration sinceStart) {
		this.now.set(sinceStart.toNanos());
	}

	private static List<String> lines(CapturedOutput output, int from, String detail) {
		return output.getOut()
			.substring(from)
			.lines()
			.filter((line) -> line.contains("request failed with 503") && line.contains(detail))
			.toList();
	}

}
