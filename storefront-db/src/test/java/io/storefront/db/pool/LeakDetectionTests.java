package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code storefront.db.leak-detection-threshold} set, a connection held longer is reported in the
 * log with the stack of the code that took it, and its return is reported too.
 */
@Tag("reliability")
@TestPropertySource(properties = "storefront.db.leak-detection-threshold=2s")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LeakDetectionTests extends RunningSampleService {

	@Autowired
	private DataSource dataSource;

	@Test
	void aConnectionHeldPastTheThresholdIsReportedWithThePlaceItWasTaken(CapturedOutput output) throws Exception {
		takeAConnectionAndKeepIt(Duration.ofMillis(2600));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
			.contains("Previously reported leaked connection"));
		String leak = output.getOut()
			.lines()
			.filter((line) -> line.contains("Connection leak detection triggered"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no leak reported in:\n" + output.getOut()));
		assertThat(leak).contains("\"level\":\"WARN\"")
			.contains("\"logger_name\":\"com.zaxxer.hikari.pool.ProxyLeakTask\"")
			.contains("io.storefront.db.pool.LeakDetectionTests.takeAConnectionAndKeepIt");
	}

	@Test
	void aConnectionGivenBackInTimeIsNotReported(CapturedOutput output) throws Exception {
		takeAConnectionAndKeepIt(Duration.ofMillis(200));
		Thread.sleep(2500);

		assertThat(output.getOut()).doesNotContain("Connection leak detection triggered");
	}

	private void takeAConnectionAndKeepIt(Duration holding) throws SQLException, InterruptedException {
		try (Connection connection = this.dataSource.getConnection()) {
			Thread.sleep(holding);
		}
	}

}
