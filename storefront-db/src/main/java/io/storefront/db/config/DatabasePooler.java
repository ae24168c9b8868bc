package io.storefront.db.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * What sits between a service and PostgreSQL ({@code DATABASE_POOLER}). Behind PgBouncer
 * in transaction mode a session is not the service's own: consecutive transactions of one
 * connection may run on different server sessions, so nothing may be left in a session
 * for later (no server-side prepared statement, no {@code SET}, no session-level lock).
 */
public enum DatabasePooler {

	/** The service talks to PostgreSQL directly. */
	NONE,

	/** A PgBouncer in {@code pool_mode = transaction}. */
	PGBOUNCER;

	/**
	 * The spelling of {@code DATABASE_POOLER} and of the {@code pooler} field of the
	 * health report.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static DatabasePooler parse(String variable, String text) {
		return Arrays.stream(values())
			.filter((pooler) -> pooler.value().equalsIgnoreCase(text))
			.findFirst()
			.orElseThrow(
					() -> new InvalidSettingException(variable, "must be none or pgbouncer (got \"" + text + "\")"));
	}

}
