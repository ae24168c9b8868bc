package io.storefront.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words for a failed connection: a sentence's first letter is lowered after
 * {@code cannot connect:}, a name's or an acronym's is not.
 */
class DatabaseErrorsTests {

	@Test
	void aSentenceIsLoweredAfterCannotConnect() {
		PSQLException refused = new PSQLException("Connection to 127.0.0.1:1 refused.",
				PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));

		assertThat(DatabaseErrors.describe(refused)).isEqualTo("cannot connect: connection to 127.0.0.1:1 refused");
	}

	@Test
	void anAcronymOrANameKeepsItsCapitals() {
		PSQLException ssl = new PSQLException("SSL error: Remote host terminated the handshake",
				PSQLState.CONNECTION_FAILURE);
		PSQLException postgres = new PSQLException("PostgreSQL closed the connection", PSQLState.CONNECTION_FAILURE);

		assertThat(DatabaseErrors.describe(ssl))
			.isEqualTo("cannot connect: SSL error: Remote host terminated the handshake");
		assertThat(DatabaseErrors.describe(postgres)).isEqualTo("cannot connect: PostgreSQL closed the connection");
	}

	@Test
	void aHostNameThatDoesNotResolveIsNamed() {
		PSQLException unknown = new PSQLException("The connection attempt failed.",
				PSQLState.CONNECTION_UNABLE_TO_CONNECT,
				new UnknownHostException("no-such-host.invalid: Name or service not known"));

		assertThat(DatabaseErrors.describe(unknown))
			.isEqualTo("cannot connect: unknown host no-such-host.invalid: Name or service not known");
	}

}
