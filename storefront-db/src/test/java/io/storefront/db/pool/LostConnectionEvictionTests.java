package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

	@Test
	void oneLostConnectionRetiresThePoolsOtherConnectionsToo(CapturedOutput output) throws SQLException {
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
		// Given back a moment ago, the other three would be handed out again unchecked.
		List<Connection> next = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Connection connection = this.dataSource.getConnection();
				next.add(connection);
				selectOne(connection);
				assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isNotIn(killed);
			}
		}
		finally {
			for (Connection connection : next) {
				connection.close();
			}
		}
		assertThat(output.getOut()).contains("auth-service - a pooled connection was lost (SQLSTATE 57P01");
	}

	private static void selectOne(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

}
