package io.storefront.cli.check;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;

import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseSettings;

/**
 * Opens one plain JDBC connection with a service's login, bounded in time, to any
 * database on its server.
 */
final class ServiceConnections {

	private static final String APPLICATION_NAME = "storefront-db-check";

	/**
	 * How long opening a connection may take, its login included: PgBouncer accepts the
	 * connection at once and holds the login while the server behind it does not answer.
	 */
	private static final Duration OPEN_LIMIT = Duration.ofSeconds(5);

	private ServiceConnections() {
	}

	static Connection open(DatabaseSettings settings, String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("connectTimeout", Long.toString(OPEN_LIMIT.toSeconds()));
		properties.setProperty("socketTimeout", "15");
		properties.setProperty("loginTimeout", Long.toString(OPEN_LIMIT.toSeconds()));
		properties.putAll(settings.driverParameters());
		if (settings.pooler() != DatabasePooler.NONE) {
			// a transaction pooler may run the next statement on another server session
			properties.setProperty("prepareThreshold", "0");
		}
		properties.setProperty("ApplicationName", APPLICATION_NAME);
		properties.setProperty("user", settings.user());
		if (settings.hasPassword()) {
			properties.setProperty("password", settings.password());
		}
		String url = "jdbc:postgresql://" + settings.host() + ":" + settings.port() + "/"
				+ URLEncoder.encode(database, StandardCharsets.UTF_8);
		Connection connection = new Driver().connect(url, properties);
		if (connection == null) {
			throw new SQLException("the PostgreSQL driver did not accept the URL for " + settings.describe());
		}
		return connection;
	}

}
