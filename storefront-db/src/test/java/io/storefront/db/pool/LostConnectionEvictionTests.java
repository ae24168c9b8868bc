package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Sessions killed on the server ({@code pg_terminate_backend}): the first statement on a
 * dead connection fails, and from then on no request is handed another dead one, although
 * HikariCP does not check a connection used in the last half second before handing it
 * out.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class LostConnectionEvictionTests extends RunningSampleService {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private StorefrontPool pool;

	@Test
	void oneLostConnectionRetiresThePoolsOtherConnectionsToo(CapturedOutput output) throws SQLException {
		killHeldConnectionsThenBorrowOnlyNewOnes();

		assertThat(output.getOut()).contains("auth-service - a pooled connection was lost (SQLSTATE 57P01")
			.as("one line for the sweep, not a WARN with a stack trace per dead connection")
			.doesNotContain("marked as broken");
	}

	/**
	 * The failures of one kill are covered by one sweep, and further sweeps within 100 ms
	 * are skipped; a kill after that is a new one, and its dead connections must be
	 * retired too.
	 */
	@Test
	void aKillMoreThanAHundredMillisecondsAfterTheLastSweepRetiresThePoolAgain(CapturedOutput output)
			throws SQLException {
		int before = output.getOut().length();
		killHeldConnectionsThenBorrowOnlyNewOnes();
		long firstSweepDone = System.nanoTime();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> System.nanoTime() - firstSweepDone > 2 * LostConnectionEviction.MIN_INTERVAL_NANOS);

		killHeldConnectionsThenBorrowOnlyNewOnes();

		assertThat(Pattern.compile("auth-service - a pooled connection was lost \\(SQLSTATE 57P01")
			.matcher(output.getOut().substring(before))
			.results()
			.count()).as("a sweep for each kill").isGreaterThanOrEqualTo(2);
	}

	/**
	 * Kills four connections held at once, fails a statement on one of them, gives all
	 * four back, and checks that the next four handed out are new: given back a moment
	 * ago, the other three would be handed out again unchecked unless the failure retired
	 * them.
	 */
	private void killHeldConnectionsThenBorrowOnlyNewOnes() throws SQLException {
		List<Connection> held = new ArrayList<>();
		Set<Integer> killed = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			Connection connection = this.dataSource.getConnection();
			held.add(connection);
			killed.add(connection.unwrap(PGConnection.class).getBackendPID());
		}
		assertThat(TestPostgres.shared().terminateSessionsNamed("auth-service")).isGreaterThanOrEqualTo(4);

		SQLException lost = catchThrowableOfType(SQLException.class, () -> selectOne(held.get(0)));
		for (Connection connection : held) {
			connection.close();
		}

		assertThat(SqlErrors.sqlState(lost)).as(String.valueOf(lost)).matches("08...|57P0.");
		List<Connection> next = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Connection connection = this.dataSource.getConnection();
				next.add(connection);
				assertThatNoException().as("connection %d handed out after the kill is alive", i + 1)
					.isThrownBy(() -> selectOne(connection));
				assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isNotIn(killed);
			}
		}
		finally {
			for (Connection connection : next) {
				connection.close();
			}
		}
	}

	/**
	 * Idle connections killed are found dead by HikariCP's check before it hands one out,
	 * so no statement fails and the pool is not retired: HikariCP's own one-line WARN per
	 * dead connection is the only trace, and it stays.
	 */
	@Test
	void idleConnectionsKilledAreReplacedWithHikarisOneLineWarningEach(CapturedOutput output) throws Exception {
		awaitThePoolFullAndIdle();
		// Past the half second in which HikariCP hands a connection out again unchecked.
		Thread.sleep(1000);
		int before = output.getOut().length();
		assertThat(TestPostgres.shared().terminateSessionsNamed("auth-service")).isGreaterThanOrEqualTo(2);

		try (Connection connection = this.dataSource.getConnection()) {
			selectOne(connection);
		}

		assertThat(output.getOut().substring(before)).contains("auth-service - Failed to validate connection")
			.doesNotContain("stack_trace")
			.doesNotContain("a pooled connection was lost")
			.doesNotContain("marked as broken");
	}

	/**
	 * Waits until the pool holds all the connections it keeps open, none of them in use:
	 * from then on it opens none and uses none until asked. An earlier test's sweep
	 * leaves the pool refilling, slowly on a loaded machine, and a connection opened just
	 * before the kill would be handed out unchecked, its statement failing.
	 */
	private void awaitThePoolFullAndIdle() {
		HikariPoolMXBean connections = this.pool.dataSource().getHikariPoolMXBean();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> connections.getActiveConnections() == 0
					&& connections.getIdleConnections() >= this.pool.dataSource().getMinimumIdle());
	}

	private static void selectOne(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

}
