package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

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
 * With {@code storefront.db.leak-detection-threshold} set, a connection held longer is
 * reported in the log with the stack of the code that took it, and its return is reported
 * too.
 */
@Tag("reliability")
@TestPropertySource(properties = "storefront.db.leak-detection-threshold=2s")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LeakDetectionTests extends RunningSampleService {

	private static final String LEAK_REPORTED = "Connection leak detection triggered";

	/** The 2 s threshold plus a generous allowance for a loaded machine. */
	private static final Duration REPORT_BOUND = Duration.ofSeconds(2 + 30);

	@Autowired
	private DataSource dataSource;

	@Test
	void aConnectionHeldPastTheThresholdIsReportedWithThePlaceItWasTaken(CapturedOutput output) throws Exception {
		// Held until the report appears, however slowly the machine gets there, then
		// given back.
		takeAConnectionAndKeepItUntil(() -> output.getOut().contains(LEAK_REPORTED));

		await().atMost(REPORT_BOUND)
			.untilAsserted(() -> assertThat(output.getOut()).contains("Previously reported leaked connection"));
		String leak = output.getOut()
			.lines()
			.filter((line) -> line.contains(LEAK_REPORTED))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no leak reported in:\n" + output.getOut()));
		assertThat(leak).contains("\"level\":\"WARN\"")
			.contains("\"logger_name\":\"com.zaxxer.hikari.pool.ProxyLeakTask\"")
			.contains("io.storefront.db.pool.LeakDetectionTests.takeAConnectionAndKeepIt");
	}

	@Test
	void aConnectionGivenBackInTimeIsNotReported(CapturedOutput output) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			Thread.sleep(200);
		}
		Thread.sleep(2500);

		assertThat(output.getOut()).doesNotContain(LEAK_REPORTED);
	}

	private void takeAConnectionAndKeepItUntil(BooleanSupplier released) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			await().atMost(REPORT_BOUND).pollInterval(Duration.ofMillis(50)).until(released::getAsBoolean);
		}
	}

}
