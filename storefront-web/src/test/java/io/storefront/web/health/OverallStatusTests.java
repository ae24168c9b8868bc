package io.storefront.web.health;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.db.health.OperationReport;
import io.storefront.db.pool.PoolSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's connection budget counts as nearly spent from 90 % of its usable
 * connections on ({@code ConnectionBudgetTests} shows it on a real server, past the
 * mark).
 */
class OverallStatusTests {

	private static final PoolSnapshot QUIET_POOL = new PoolSnapshot(10, 10, 2, 0, 2, 0, 0);

	@ParameterizedTest(name = "{0} of 100 usable connections in use: {1}")
	@CsvSource({ "0, HEALTHY", "89, HEALTHY", "90, DEGRADED", "100, DEGRADED" })
	void theServersBudgetIsNearlySpentFromNinetyPercent(int inUse, OverallStatus expected) {
		assertThat(OverallStatus.of(report(inUse, 103, 3), QUIET_POOL)).isEqualTo(expected);
	}

	/**
	 * The database answers, so not unhealthy; but one of the operations a request needs
	 * does not work.
	 */
	@ParameterizedTest(name = "read {0}, write {1}, transaction {2}")
	@CsvSource({ "false, true, true", "true, false, true", "true, true, false" })
	void aFailedOperationTestIsDegradedOnAQuietServer(boolean read, boolean write, boolean transaction) {
		OperationReport failed = new OperationReport(true, read, write, transaction,
				new OperationReport.ServerInfo("17.6", "auth_db", 2, 3, 0, 103, 3), Map.of(), Instant.now());

		assertThat(OverallStatus.of(failed, QUIET_POOL)).isEqualTo(OverallStatus.DEGRADED);
	}

	private static OperationReport report(int serverConnections, int maxConnections, int reserved) {
		return new OperationReport(true, true, true, true,
				new OperationReport.ServerInfo("17.6", "auth_db", 2, 3, serverConnections, maxConnections, reserved),
				Map.of(), Instant.now());
	}

}
