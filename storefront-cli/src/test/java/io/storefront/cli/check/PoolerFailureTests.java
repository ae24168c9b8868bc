package io.storefront.cli.check;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PgBouncer's own answers to a login, told apart: one that says its logins to the server
 * keep failing is the server not answering (exit 3), one that refuses the login is a
 * failed check (exit 1). (A real PgBouncer gives the first only while other clients, such
 * as the services' monitors, keep it trying the stopped server within
 * {@code server_login_retry}, which a test cannot time reliably.)
 */
class PoolerFailureTests {

	private static final DatabaseSettings THROUGH_PGBOUNCER = StorefrontSettings
		.read(KnownServices.CART, Map.of("DATABASE_URL", "postgresql://cart_svc:secret@127.0.0.1:6432/cart_db",
				"DATABASE_POOLER", "pgbouncer")::get)
		.database();

	@Test
	void serverLoginsFailingIsTheServerBehindPgBouncerNotAnswering() {
		ConnectionReport report = PoolerFailure.report(THROUGH_PGBOUNCER,
				pgbouncerSays("server login has been failing, try again later (server_login_retry)"));

		assertThat(report.unreachable()).isTrue();
		assertThat(report.error()).startsWith("PgBouncer answered at 127.0.0.1:6432 but the server behind it did not (")
			.endsWith("is PostgreSQL running, and does it take PgBouncer's login? (PgBouncer's log says)");
	}

	@Test
	void aLoginPgBouncerRefusesIsAFailedCheck() {
		ConnectionReport report = PoolerFailure.report(THROUGH_PGBOUNCER, pgbouncerSays("SASL authentication failed"));

		assertThat(report.unreachable()).isFalse();
		assertThat(report.error()).contains("SASL authentication failed");
	}

	private static PSQLException pgbouncerSays(String message) {
		return new PSQLException(new ServerErrorMessage("SFATAL\0VFATAL\0C08P01\0M" + message + "\0"));
	}

}
