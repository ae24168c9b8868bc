package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.testing.ManualRecovery;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's DataSource: the pool behind the guard, used as any JDBC code uses a
 * DataSource.
 */
class GuardedDataSourceTests extends RunningSampleService {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private StorefrontPool pool;

	@Test
	void connectionsUnwrapToTheDriversConnection() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
			assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
			assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
		}
	}

	@Test
	void transactionsCommitAndRollBack() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		jdbc.sql("CREATE TABLE guarded_data_source_probe (id integer)").update();
		try {
			transactions.executeWithoutResult(
					(status) -> jdbc.sql("INSERT INTO guarded_data_source_probe VALUES (1)").update());
			transactions.executeWithoutResult((status) -> {
				jdbc.sql("INSERT INTO guarded_data_source_probe VALUES (2)").update();
				status.setRollbackOnly();
			});

			assertThat(jdbc.sql("SELECT id FROM guarded_data_source_probe").query(Integer.class).list())
				.containsExactly(1);
		}
		finally {
			jdbc.sql("DROP TABLE guarded_data_source_probe").update();
		}
	}

	/**
	 * A connection used a moment before an outage would be handed out again unchecked
	 * after a short one: the recovery retires it before the first caller is let through.
	 */
	@Test
	void theConnectionsOpenedBeforeAnOutageAreRetiredWhenTheDatabaseIsBack() throws Exception {
		ManualRecovery availability = new ManualRecovery();
		GuardedDataSource guarded = new GuardedDataSource(this.pool, availability);
		int usedBefore;
		try (Connection connection = guarded.getConnection()) {
			usedBefore = connection.unwrap(PGConnection.class).getBackendPID();
		}
		assertThat(sessionExists(usedBefore)).isTrue();

		availability.recover();

		await().atMost(Duration.ofSeconds(5)).until(() -> !sessionExists(usedBefore));
		try (Connection connection = guarded.getConnection()) {
			assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isNotEqualTo(usedBefore);
		}
	}

	private static boolean sessionExists(int pid) throws SQLException {
		try (Connection admin = TestPostgres.shared().adminConnection("postgres");
				PreparedStatement session = admin.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
			session.setInt(1, pid);
			try (ResultSet row = session.executeQuery()) {
				return row.next();
			}
		}
	}

	@Test
	void everyConnectionGivenBackRestoresTheIdleReserveToThePoolSize() throws Exception {
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(this.pool.dataSource().getMinimumIdle()).isEqualTo(8);
			second.close();
			assertThat(this.pool.dataSource().getMinimumIdle()).isEqualTo(9);
		}
		assertThat(this.pool.dataSource().getMinimumIdle()).isEqualTo(10);
	}

}
