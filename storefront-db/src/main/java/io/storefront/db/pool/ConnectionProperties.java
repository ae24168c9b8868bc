package io.storefront.db.pool;

import java.util.Properties;

import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;

/**
 * Driver properties every Storefront connection carries: who is connecting (visible in
 * {@code pg_stat_activity}) and time limits on connecting and reading, so nothing waits
 * forever. Parameters given in {@code DATABASE_URL} win over these defaults; behind
 * PgBouncer nothing is prepared on the server.
 */
public final class ConnectionProperties {

	private ConnectionProperties() {
	}

	public static Properties forPool(DatabaseSettings settings, DatabaseTuning tuning, String applicationName) {
		Properties properties = new Properties();
		properties.setProperty("ApplicationName", applicationName);
		// Without it the driver sets application_name with a SET after logging in: one
		// more round trip per new connection, and the name is missing while the session
		// starts (login event triggers, logs).
		properties.setProperty("assumeMinServerVersion", "10");
		properties.setProperty("connectTimeout", Long.toString(Math.max(1, tuning.connectTimeout().toSeconds())));
		properties.setProperty("loginTimeout", Long.toString(Math.max(1, tuning.connectTimeout().toSeconds())));
		properties.setProperty("socketTimeout", Long.toString(Math.max(1, tuning.socketTimeout().toSeconds())));
		properties.setProperty("tcpKeepAlive", "true");
		properties.putAll(settings.driverParameters());
		if (settings.pooler() == DatabasePooler.PGBOUNCER) {
			// Behind PgBouncer in transaction mode the next statement may run on another
			// server session, which never saw the statement prepared on this one
			// ("prepared statement S_1 does not exist").
			properties.setProperty("prepareThreshold", "0");
		}
		return properties;
	}

	/** For a single connection opened outside the pool: also carries the credentials. */
	public static Properties forDirectConnection(DatabaseSettings settings, DatabaseTuning tuning,
			String applicationName) {
		Properties properties = forPool(settings, tuning, applicationName);
		properties.setProperty("user", settings.user());
		if (settings.hasPassword()) {
			properties.setProperty("password", settings.password());
		}
		return properties;
	}

	/**
	 * For Flyway's connection: a direct one whose reads may take
	 * {@code storefront.db.migration-socket-timeout}, unless the URL it connects to sets
	 * {@code socketTimeout} itself.
	 */
	public static Properties forMigration(DatabaseSettings settings, DatabaseTuning tuning, String applicationName) {
		Properties properties = forDirectConnection(settings, tuning, applicationName);
		if (!settings.driverParameters().containsKey("socketTimeout")) {
			properties.setProperty("socketTimeout", Long.toString(tuning.migrationSocketTimeout().toSeconds()));
		}
		return properties;
	}

}
