package io.storefront.db.pool;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reasons logs and health answers give for the driver's errors, as the server sends
 * them.
 */
class SqlErrorsTests {

	/**
	 * What a service without {@code DATABASE_POOLER=pgbouncer} meets behind PgBouncer in
	 * transaction mode: its prepared statements on a server session another client made
	 * them on.
	 */
	@Test
	void aPreparedStatementOfAnotherSessionPointsAtPgBouncer() {
		PSQLException exists = new PSQLException(
				new ServerErrorMessage("SERROR\0C42P05\0Mprepared statement \"S_1\" already exists\0"));
		PSQLException missing = new PSQLException(
				new ServerErrorMessage("SERROR\0C26000\0Mprepared statement \"S_3\" does not exist\0"));

		assertThat(SqlErrors.shortReason(new BadSqlGrammarException("commit", "COMMIT", exists)))
			.isEqualTo("prepared statement \"S_1\" already exists (is a PgBouncer in transaction mode between the "
					+ "service and PostgreSQL? then set DATABASE_POOLER=pgbouncer)");
		assertThat(SqlErrors.shortReason(missing))
			.startsWith("prepared statement \"S_3\" does not exist (is a PgBouncer");
	}

	/**
	 * PgBouncer's answer when the server session it hands a client is killed
	 * ({@code pg_terminate_backend}) while it sets the client's parameters on it: its log
	 * says {@code varcache_apply failed}, and it closes the client's connection too. Seen
	 * live under {@code up --replicas 2}. It must count as a lost connection, like the
	 * server's 57P01, so that the pool retires its connections and the read or the
	 * transaction runs once more.
	 */
	@Test
	void pgBouncersInvalidServerParameterIsALostConnection() {
		PSQLException killedAsHandedOver = new PSQLException(
				new ServerErrorMessage("SFATAL\0C08P01\0Minvalid server parameter\0"));

		assertThat(SqlErrors.isConnectionLost(new DataAccessResourceFailureException("read", killedAsHandedOver)))
			.isTrue();
		assertThat(SqlErrors.shortReason(killedAsHandedOver)).isEqualTo("invalid server parameter");
	}

	@Test
	void otherErrorsAreTheServersFirstSentence() {
		PSQLException other = new PSQLException(
				new ServerErrorMessage("SERROR\0C42P01\0Mrelation \"nowhere\" does not exist. More words\0"));

		assertThat(SqlErrors.shortReason(other)).isEqualTo("relation \"nowhere\" does not exist");
	}

}
