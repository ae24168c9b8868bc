package io.storefront.db.transaction;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.retry.RetryingTransactionTemplate;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection dies inside a transaction. During the commit, nobody can know whether it
 * committed: the failure says so ({@link CommitOutcomeUnknownException}). Before the
 * commit, it certainly did not, and the caller sees the statement's own failure, not the
 * failed rollback that followed. A change that may be committed twice is run again
 * instead.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class LostCommitTests extends RunningSampleService {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private TransactionTemplate transactions;

	@BeforeEach
	void tableWhoseCommitTakesAWhile() {
		// A deferred constraint trigger runs inside COMMIT: rows with slow = true keep
		// the commit busy.
		jdbc().sql("""
				CREATE TABLE lost_commit_probe (id integer, slow boolean);
				CREATE FUNCTION lost_commit_probe_slow() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.slow THEN PERFORM pg_sleep(60); END IF;
				  RETURN NULL;
				END $$;
				CREATE CONSTRAINT TRIGGER lost_commit_probe_slow AFTER INSERT ON lost_commit_probe
				  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION lost_commit_probe_slow();
				""").update();
	}

	@AfterEach
	void dropTable() {
		jdbc().sql("DROP TABLE lost_commit_probe; DROP FUNCTION lost_commit_probe_slow();").update();
	}

	@Test
	void aCommitThatLosesItsConnectionSaysItsOutcomeIsUnknown() {
		assertThat(this.transactionManager).isInstanceOf(StorefrontTransactionManager.class);

		CompletableFuture<Void> write = inTransaction("INSERT INTO lost_commit_probe VALUES (1, true)");
		killSessionRunning("COMMIT");

		assertThat(write).failsWithin(Duration.ofSeconds(20))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CommitOutcomeUnknownException.class)
			.withMessageContaining("may or may not have been committed");
		assertThat(jdbc().sql("SELECT count(*) FROM lost_commit_probe").query(Integer.class).single())
			.as("killed before the commit record was written")
			.isZero();
	}

	@Test
	void aCommitThatLosesItsConnectionIsNotRunAgainByTheServicesTransactionTemplate() {
		AtomicInteger attempts = new AtomicInteger();

		CompletableFuture<Void> write = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				attempts.incrementAndGet();
				jdbc().sql("INSERT INTO lost_commit_probe VALUES (3, true)").update();
			}), Executors.newVirtualThreadPerTaskExecutor());
		killSessionRunning("COMMIT");

		assertThat(write).failsWithin(Duration.ofSeconds(20))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CommitOutcomeUnknownException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void anIdempotentChangeWhoseCommitLosesItsConnectionIsRunAgainAndAnswers(CapturedOutput output) {
		AtomicInteger attempts = new AtomicInteger();
		RetryingTransactionTemplate retrying = (RetryingTransactionTemplate) this.transactions;

		CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> retrying.executeIdempotent((status) -> {
			boolean slow = attempts.incrementAndGet() == 1;
			jdbc().sql("DELETE FROM lost_commit_probe WHERE id = 4").update();
			jdbc().sql("INSERT INTO lost_commit_probe VALUES (4, :slow)").param("slow", slow).update();
			return jdbc().sql("SELECT count(*) FROM lost_commit_probe").query(Integer.class).single();
		}), Executors.newVirtualThreadPerTaskExecutor());
		killSessionRunning("COMMIT");

		assertThat(write).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(1);
		assertThat(attempts).hasValue(2);
		assertThat(jdbc().sql("SELECT count(*) FROM lost_commit_probe").query(Integer.class).single()).isOne();
		assertThat(output.getOut()).contains("idempotent transaction retried once: its database connection was lost");
	}

	@Test
	void aStatementThatLosesItsConnectionInsideATransactionFailsAsItselfNotAsTheRollback() {
		CompletableFuture<Void> write = inTransaction(
				"INSERT INTO lost_commit_probe SELECT 2, false FROM pg_sleep(60)");
		killSessionRunning("INSERT INTO lost_commit_probe SELECT 2");

		assertThat(write).failsWithin(Duration.ofSeconds(20))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(DataAccessResourceFailureException.class)
			.isNotInstanceOf(CommitOutcomeUnknownException.class)
			.withMessageContaining("terminating connection due to administrator command");
	}

	private CompletableFuture<Void> inTransaction(String sql) {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		return CompletableFuture.runAsync(() -> transaction.executeWithoutResult((status) -> jdbc().sql(sql).update()),
				Executors.newVirtualThreadPerTaskExecutor());
	}

	/**
	 * Waits until a session of the service runs a statement starting with {@code query},
	 * and kills it.
	 */
	private static void killSessionRunning(String query) {
		String sql = """
				SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE usename = 'auth_svc' AND state = 'active' AND query LIKE ? || '%'
				""";
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
			try (var admin = TestPostgres.shared().adminConnection("auth_db");
					var statement = admin.prepareStatement(sql)) {
				statement.setString(1, query);
				try (var rows = statement.executeQuery()) {
					return rows.next();
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

}
