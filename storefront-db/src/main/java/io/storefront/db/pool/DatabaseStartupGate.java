package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.ServiceIdentity;

/**
 * Holds start-up until the service's database answers: retries with exponential backoff
 * for {@code DATABASE_STARTUP_TIMEOUT}, one log line per failed attempt, and gives up at
 * once on faults that waiting cannot fix (wrong or missing password, missing database or
 * role, no CONNECT privilege).
 *
 * @param service whose database it waits for (named in the log lines)
 * @param settings the database and the login to try, and how long to keep trying
 * @param tuning the connection's timeouts
 */
public record DatabaseStartupGate(ServiceIdentity service, DatabaseSettings settings, DatabaseTuning tuning) {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseStartupGate.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

	/**
	 * Returns once a connection succeeded; otherwise throws
	 * {@link DatabaseStartupException}.
	 */
	public void awaitDatabase() {
		awaitDatabase(System.nanoTime());
	}

	/**
	 * As {@link #awaitDatabase()}, in a start-up window that opened at {@code started}
	 * ({@link System#nanoTime()}), so that a service waiting for two addresses in turn
	 * (the pooler, then PostgreSQL itself for migrations) waits
	 * {@code DATABASE_STARTUP_TIMEOUT} in all, as its start-up probe allows for, not once
	 * for each.
	 * @param started when the window opened
	 */
	public void awaitDatabase(long started) {
		long deadline = started + this.settings.startupTimeout().toNanos();
		Duration backoff = FIRST_BACKOFF;
		for (int attempt = 1;; attempt++) {
			try {
				String version = tryConnect();
				logger.atInfo()
					.addKeyValue("pool", this.service.name())
					.addKeyValue("database", this.settings.describe())
					.addKeyValue("attempt", attempt)
					.addKeyValue("server_version", version)
					.log("{} - database reachable: {} (PostgreSQL {}, attempt {})", this.service.name(),
							this.settings.describe(), version, attempt);
				return;
			}
			catch (SQLException ex) {
				String permanent = permanentFault(ex);
				if (permanent != null) {
					throw new DatabaseStartupException(permanent);
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new DatabaseStartupException(String.format(
							"database %s not reachable after %.1f s (%d %s, %s): %s", this.settings.describe(),
							(System.nanoTime() - started) / 1e9, attempt, (attempt == 1) ? "attempt" : "attempts",
							this.settings.describeStartupTimeout(), SqlErrors.shortReason(ex)));
				}
				// The last wait is cut short so that the last attempt falls on the
				// deadline, not before it.
				Duration wait = (remaining < backoff.toNanos()) ? Duration.ofNanos(remaining) : backoff;
				logger.atWarn()
					.addKeyValue("pool", this.service.name())
					.addKeyValue("attempt", attempt)
					.addKeyValue("retry_in_ms", wait.toMillis())
					.log("{} - database {} not reachable (attempt {}, retrying in {} ms): {}", this.service.name(),
							this.settings.describe(), attempt, wait.toMillis(), SqlErrors.shortReason(ex));
				sleep(wait);
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	private String tryConnect() throws SQLException {
		Properties properties = ConnectionProperties.forDirectConnection(this.settings, this.tuning,
				this.service.name());
		try (Connection connection = new Driver().connect(this.settings.jdbcUrl(), properties);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version")) {
			result.next();
			return result.getString(1);
		}
	}

	/**
	 * A reason worth stopping for at once, or {@code null} when the fault may pass
	 * (server down, starting).
	 */
	private String permanentFault(SQLException ex) {
		String reason = SqlErrors.shortReason(ex);
		String where = this.settings.host() + ":" + this.settings.port();
		return switch (SqlErrors.sqlState(ex)) {
			case "28P01" -> "password authentication failed for user " + this.settings.user() + " on database "
					+ this.settings.database() + " at " + where
					+ " (check DATABASE_PASSWORD or the password in DATABASE_URL)";
			case "28000" -> "user " + this.settings.user() + " may not log in to database " + this.settings.database()
					+ " at " + where + ": " + reason;
			case "3D000" -> "database " + this.settings.database() + " does not exist at " + where
					+ " (provision it with ./storefront db provision, or check DATABASE_NAME / DATABASE_URL)";
			// The driver's own refusals: no password given where the server asks for one,
			// SSL required by sslmode but not offered. Waiting cannot fix either.
			case "08004" ->
				"database " + this.settings.database() + " at " + where + " refused user " + this.settings.user() + ": "
						+ reason + " (check DATABASE_PASSWORD or the password and sslmode in DATABASE_URL)";
			case "42501" -> "user " + this.settings.user() + " has no CONNECT privilege on database "
					+ this.settings.database() + " at " + where + ": " + reason;
			// PgBouncer's refusal of a login: its own answer, not a lost connection.
			case "08P01" -> reason.contains("authentication failed") ? "PgBouncer at " + where + " refused user "
					+ this.settings.user() + " on database " + this.settings.database() + ": " + reason
					+ " (check DATABASE_PASSWORD or the password in DATABASE_URL; after db provision --rotate, "
					+ "PgBouncer must be reloaded and every service given its new env file)" : null;
			default -> null;
		};
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DatabaseStartupException("interrupted while waiting for the database");
		}
	}

}
