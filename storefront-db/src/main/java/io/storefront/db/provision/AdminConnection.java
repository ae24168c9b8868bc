package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.Driver;

import io.storefront.db.config.DatabaseUrl;

/**
 * Opens connections as the server's administrator, to any database on the server the
 * admin URL names.
 * <p>
 * Each connection resolves names in {@code pg_catalog} (then its own temporary schema)
 * only. A service's role owns the {@code public} schema of its database and may put
 * functions and operators there; with the default {@code search_path} one that matches an
 * administrator's statement better than {@code pg_catalog}'s own (an operator
 * {@code public.=(name, varchar)} for {@code name = ?}) would run with the
 * administrator's rights (CVE-2018-1058).
 */
public final class AdminConnection {

	private final DatabaseUrl adminUrl;

	public AdminConnection(DatabaseUrl adminUrl) {
		this.adminUrl = adminUrl;
	}

	public static AdminConnection parse(String variable, String adminUrl) {
		return new AdminConnection(DatabaseUrl.parse(variable, adminUrl));
	}

	public DatabaseUrl url() {
		return this.adminUrl;
	}

	/** The database the admin URL names (usually {@code postgres}). */
	public Connection open() throws SQLException {
		return open(this.adminUrl.database());
	}

	public Connection open(String database) throws SQLException {
		Properties properties = new Properties();
		properties.putAll(this.adminUrl.parameters());
		properties.setProperty("ApplicationName", "storefront-admin");
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("socketTimeout", "60");
		// the login alone: a server that takes the connection and never answers would
		// otherwise hold it for the socket timeout, which allows for slow statements
		properties.setProperty("loginTimeout", "10");
		if (this.adminUrl.user() != null) {
			properties.setProperty("user", this.adminUrl.user());
		}
		// Always set: without one the driver reads ~/.pgpass (or PGPASSFILE) itself,
		// whatever the file's permissions; the callers' own look-up ignores a file others
		// may read, as libpq does.
		properties.setProperty("password", (this.adminUrl.password() != null) ? this.adminUrl.password() : "");
		String url = "jdbc:postgresql://" + this.adminUrl.host() + ":" + this.adminUrl.port() + "/"
				+ java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8);
		Connection connection = new Driver().connect(url, properties);
		if (connection == null) {
			throw new SQLException("the PostgreSQL driver did not accept " + url);
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO pg_catalog, pg_temp");
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	/** {@code host:port}, for messages. */
	public String server() {
		return this.adminUrl.host() + ":" + this.adminUrl.port();
	}

}
