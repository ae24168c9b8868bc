package io.storefront.db.pool;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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

	@Test
	void otherErrorsAreTheServersFirstSentence() {
		PSQLException other = new PSQLException(
				new ServerErrorMessage("SERROR\0C42P01\0Mrelation \"nowhere\" does not exist. More words\0"));

		assertThat(SqlErrors.shortReason(other)).isEqualTo("relation \"nowhere\" does not exist");
	}

}
