package io.storefront.cli.check;

import java.sql.SQLException;

import io.storefront.cli.DatabaseErrors;
import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.DatabaseSettings;

/**
 * A failed connection through PgBouncer, told apart by who did not answer: PgBouncer
 * itself, or the PostgreSQL behind it. With the server down, PgBouncer 1.18 accepts the
 * connection and holds the login until the driver's login timeout ends it; it does the
 * same when the server refuses PgBouncer's own login (a password changed on the server
 * since PgBouncer read its auth file), which from here cannot be told apart. While other
 * clients (the services' pools and monitors) keep it trying, PgBouncer instead answers at
 * once that its server login "has been failing": the same server, not answering. Any
 * other login PgBouncer refuses comes back as its own answer ({@code 08P01}), which is
 * not unreachable.
 */
final class PoolerFailure {

	/**
	 * PgBouncer's words while its logins to the server fail ({@code server_login_retry}).
	 */
	private static final String SERVER_LOGIN_FAILING = "server login has been failing";

	private PoolerFailure() {
	}

	static ConnectionReport report(DatabaseSettings settings, SQLException failure) {
		String at = settings.host() + ":" + settings.port();
		if (DatabaseErrors.isNotAccepted(failure)) {
			return ConnectionReport
				.unreachable("DATABASE_POOLER=" + settings.pooler().value() + " but nothing answers at " + at + " ("
						+ DatabaseErrors.describe(failure) + "); is PgBouncer running?");
		}
		if (DatabaseErrors.isUnreachable(failure) || serverLoginFailing(failure)) {
			return ConnectionReport.unreachable("PgBouncer answered at " + at + " but the server behind it did not ("
					+ DatabaseErrors.describe(failure)
					+ "); is PostgreSQL running, and does it take PgBouncer's login? (PgBouncer's log says)");
		}
		return ConnectionReport.failed(DatabaseErrors.describe(failure));
	}

	private static boolean serverLoginFailing(SQLException failure) {
		return CauseChain.of(failure)
			.map(Throwable::getMessage)
			.anyMatch((message) -> message != null && message.contains(SERVER_LOGIN_FAILING));
	}

}
