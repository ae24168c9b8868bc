package io.storefront.db.pool;

import java.time.Duration;
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

	private static final String SOCKET_TIMEOUT = "socketTimeout";

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
		properties.setProperty(SOCKET_TIMEOUT, Long.toString(Math.max(1, tuning.socketTimeout().toSeconds())));
		properties.setProperty("tcpKeepAlive", "true");
		// The server's DETAIL quotes the row a statement failed on ("Failing row contains
		// (…, $2a$10$…)"): kept out of exception messages, which error logs print; the
		// code
		// that needs it reads it from the exception's ServerErrorMessage.
		properties.setProperty("logServerErrorDetail", "false");
		properties.putAll(settings.driverParameters());
		if (settings.pooler() == DatabasePooler.PGBOUNCER) {
			// Behind PgBouncer in transaction mode the next statement may run on another
			// server session, which never saw the statement prepared on this one
			// ("prepared statement S_1 does not exist").
			properties.setProperty("prepareThreshold", "0");
		}
		return properties;
	}

	/**
	 * The limit on any single read of the pool's connections: the URL's
	 * {@code socketTimeout} when it sets one (0 is none: then
	 * {@code storefront.db.socket-timeout}, which bounds the statements), else
	 * {@code storefront.db.socket-timeout}.
	 */
	public static Duration poolSocketTimeout(DatabaseSettings settings, DatabaseTuning tuning) {
		String fromUrl = settings.driverParameters().get(SOCKET_TIMEOUT);
		long seconds = (fromUrl != null && !fromUrl.isBlank()) ? Long.parseLong(fromUrl.strip()) : 0;
		return (seconds > 0) ? Duration.ofSeconds(seconds) : tuning.socketTimeout();
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
	 * For the health monitor's own connections: their time limits follow the health time
	 * limit and win over the URL's parameters, which are the pool's to tune. A probe held
	 * by a URL's long {@code socketTimeout} (or 0, none) on a connection the network lost
	 * would keep every later probe waiting for it, and the outage it saw recorded long
	 * after the database came back.
	 */
	public static Properties forProbe(DatabaseSettings settings, DatabaseTuning tuning, String applicationName) {
		Properties properties = forDirectConnection(settings, tuning, applicationName);
		long limit = Math.max(1, tuning.healthTimeout().toSeconds());
		properties.setProperty("connectTimeout", Long.toString(limit));
		properties.setProperty("loginTimeout", Long.toString(limit));
		// A second above the statement timeout the probe sets, so that a server which
		// still answers cancels the statement first.
		properties.setProperty(SOCKET_TIMEOUT, Long.toString(limit + 1));
		return properties;
	}

	/**
	 * For Flyway's connection: a direct one whose reads may take
	 * {@code storefront.db.migration-socket-timeout}, unless the URL it connects to sets
	 * {@code socketTimeout} itself.
	 */
	public static Properties forMigration(DatabaseSettings settings, DatabaseTuning tuning, String applicationName) {
		Properties properties = forDirectConnection(settings, tuning, applicationName);
		if (!settings.driverParameters().containsKey(SOCKET_TIMEOUT)) {
			properties.setProperty(SOCKET_TIMEOUT, Long.toString(tuning.migrationSocketTimeout().toSeconds()));
		}
		return properties;
	}

}
