package io.storefront.db.retry;

import java.sql.SQLException;
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
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.storefront.db.testing.TestPostgres;
import io.storefront.db.transaction.CommitOutcomeUnknownException;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service's {@link TransactionTemplate} runs a transaction once more when its
 * connection was killed before the commit, and the change is saved once; nothing else is
 * run twice. (A commit that loses its connection is not: {@code LostCommitTests}.)
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class RetryingTransactionTemplateTests extends RunningSampleService {

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void table() {
		jdbc().sql("CREATE TABLE transaction_retry_probe (id integer PRIMARY KEY)").update();
	}

	@AfterEach
	void dropTable() {
		jdbc().sql("DROP TABLE transaction_retry_probe").update();
	}

	@Test
	void aTransactionWhoseConnectionIsKilledBeforeTheCommitIsRunAgainAndSavedOnce(CapturedOutput output) {
		AtomicInteger attempts = new AtomicInteger();

		Integer saved = this.transactions.execute((status) -> {
			if (attempts.incrementAndGet() == 1) {
				killSession(jdbc().sql("SELECT pg_backend_pid()").query(Integer.class).single());
			}
			jdbc().sql("INSERT INTO transaction_retry_probe VALUES (1)").update();
			return jdbc().sql("SELECT count(*) FROM transaction_retry_probe").query(Integer.class).single();
		});

		assertThat(this.transactions).isInstanceOf(RetryingTransactionTemplate.class);
		assertThat(attempts).hasValue(2);
		assertThat(saved).isOne();
		assertThat(jdbc().sql("SELECT count(*) FROM transaction_retry_probe").query(Integer.class).single()).isOne();
		assertThat(output.getOut()).contains("auth-service - transaction retried once: its database connection was "
				+ "lost before the commit (terminating connection due to administrator command)");
		assertThat(http().get("/metrics").body())
			.containsPattern("storefront_db_transaction_retries_total\\{[^}]*\\} [1-9]");
	}

	@Test
	void aFailureThatIsNotALostConnectionIsNotRunAgain() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(BadSqlGrammarException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				attempts.incrementAndGet();
				jdbc().sql("INSERT INTO transaction_retry_probe VALUES (no_such_column)").update();
			}));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aTransactionThatJoinedTheCallersIsNotRunAgainOnItsOwn() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> this.transactions
			.executeWithoutResult((outer) -> this.transactions.executeWithoutResult((inner) -> {
				attempts.incrementAndGet();
				killSession(jdbc().sql("SELECT pg_backend_pid()").query(Integer.class).single());
				jdbc().sql("INSERT INTO transaction_retry_probe VALUES (2)").update();
			})));
		assertThat(attempts).as("the outer transaction is retried as a whole, the inner only with it").hasValue(2);
	}

	/**
	 * A commit lost inside the action (a nested transaction's, {@code REQUIRES_NEW}) is
	 * not this transaction's: that this one was rolled back says nothing of the other,
	 * which running the action again would apply a second time.
	 */
	@Test
	void anIdempotentChangeIsNotRunAgainForACommitLostInsideIt() {
		RetryingTransactionTemplate transactions = (RetryingTransactionTemplate) this.transactions;
		AtomicInteger attempts = new AtomicInteger();
		CommitOutcomeUnknownException nestedCommitLost = new CommitOutcomeUnknownException(
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));

		assertThatExceptionOfType(CommitOutcomeUnknownException.class)
			.isThrownBy(() -> transactions.executeIdempotent((status) -> {
				attempts.incrementAndGet();
				jdbc().sql("INSERT INTO transaction_retry_probe VALUES (3)").update();
				throw nestedCommitLost;
			}))
			.isSameAs(nestedCommitLost);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aLostCommitIsNeverALossBeforeTheCommit() {
		assertThat(RetryingTransactionTemplate
			.isLostBeforeCommit(new CommitOutcomeUnknownException(new SQLException("I/O error", "08006")))).isFalse();
		assertThat(RetryingTransactionTemplate.isLostBeforeCommit(
				new DataAccessResourceFailureException("lost", new SQLException("terminating", "57P01"))))
			.isTrue();
	}

	/** Kills the session {@code pid} and waits until it is gone. */
	private static void killSession(int pid) {
		try (var admin = TestPostgres.shared().adminConnection("postgres");
				var kill = admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
			kill.setInt(1, pid);
			kill.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

}
