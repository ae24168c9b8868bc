package io.storefront.db.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Everything the shared library reads from the environment (contract section 2),
 * validated at once: the first bad value stops start-up with an
 * {@link InvalidSettingException} naming its variable.
 *
 * @param migration where Flyway (and anything else needing a session of its own)
 * connects: {@code DATABASE_MIGRATION_URL}, else the same as {@code database}
 * @param warnings problems that do not stop start-up (a component variable disagreeing
 * with {@code DATABASE_URL}), each naming its variable and never a password
 */
public record StorefrontSettings(ServiceIdentity service, DatabaseSettings database, DatabaseSettings migration,
		OptionalInt httpPort, Optional<String> healthDetailsToken, List<String> warnings) {

	public static final String DATABASE_URL = "DATABASE_URL";

	public static final String DATABASE_HOST = "DATABASE_HOST";

	public static final String DATABASE_PORT = "DATABASE_PORT";

	public static final String DATABASE_NAME = "DATABASE_NAME";

	public static final String DATABASE_USER = "DATABASE_USER";

	public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";

	public static final String DATABASE_POOL_SIZE = "DATABASE_POOL_SIZE";

	public static final String DATABASE_MAX_OVERFLOW = "DATABASE_MAX_OVERFLOW";

	public static final String DATABASE_POOL_TIMEOUT = "DATABASE_POOL_TIMEOUT";

	public static final String DATABASE_POOL_RECYCLE = "DATABASE_POOL_RECYCLE";

	public static final String DATABASE_STARTUP_TIMEOUT = "DATABASE_STARTUP_TIMEOUT";

	public static final String DEBUG = "DEBUG";

	public static final String PORT = "PORT";

	public static final String HEALTH_DETAILS_TOKEN = "HEALTH_DETAILS_TOKEN";

	public static final String DATABASE_POOLER = "DATABASE_POOLER";

	public static final String DATABASE_MIGRATION_URL = "DATABASE_MIGRATION_URL";

	/**
	 * PostgreSQL accepts at most 2^18 - 1 connections however {@code max_connections} is
	 * set, so no pool could ever be larger.
	 */
	static final int MAXIMUM_CONNECTIONS = 262_143;

	/**
	 * HikariCP refuses a {@code maxLifetime} under 30 s; 0 means connections are never
	 * recycled.
	 */
	private static final double MINIMUM_RECYCLE_SECONDS = 30;

	/** HikariCP refuses a {@code connectionTimeout} under 250 ms. */
	private static final double MINIMUM_POOL_TIMEOUT_SECONDS = 0.25;

	/**
	 * Driver parameters that pgJDBC sends as startup parameters PgBouncer does not track:
	 * {@code options} as itself, {@code currentSchema} as {@code search_path}.
	 */
	private static final List<String> STARTUP_PARAMETERS_PGBOUNCER_REFUSES = List.of("options", "currentSchema");

	public StorefrontSettings {
		warnings = List.copyOf(warnings);
	}

	/** Shows whether a health details token is set, never the token itself. */
	@Override
	public String toString() {
		return "StorefrontSettings[service=" + this.service.name() + ", database=" + this.database
				+ ((this.migration != this.database) ? ", migration=" + this.migration : "") + ", httpPort="
				+ this.httpPort + ", healthDetailsToken=" + (this.healthDetailsToken.isPresent() ? "******" : "<none>")
				+ ", warnings=" + this.warnings + "]";
	}

	/**
	 * Reads and validates the settings of {@code service}.
	 * @param variables looks a variable up by name; {@code null} or blank means unset,
	 * except a {@code HEALTH_DETAILS_TOKEN} of only whitespace, which is refused
	 */
	public static StorefrontSettings read(ServiceIdentity service, Function<String, String> variables) {
		Reader reader = new Reader(service, variables);
		return reader.read();
	}

	private static final class Reader {

		private final ServiceIdentity service;

		private final Function<String, String> variables;

		private final List<String> warnings = new ArrayList<>();

		Reader(ServiceIdentity service, Function<String, String> variables) {
			this.service = service;
			this.variables = variables;
		}

		StorefrontSettings read() {
			int size = intOr(DATABASE_POOL_SIZE, 10, 0, MAXIMUM_CONNECTIONS);
			int maxOverflow = intOr(DATABASE_MAX_OVERFLOW, 20, 0, MAXIMUM_CONNECTIONS - size);
			PoolSettings pool = new PoolSettings(size, maxOverflow,
					secondsOr(DATABASE_POOL_TIMEOUT, Duration.ofSeconds(30), MINIMUM_POOL_TIMEOUT_SECONDS), recycle());
			if (pool.maximumSize() < 1) {
				throw new InvalidSettingException(DATABASE_POOL_SIZE,
						"and DATABASE_MAX_OVERFLOW add up to 0; the pool needs at least one connection");
			}
			Duration startupTimeout = secondsOr(DATABASE_STARTUP_TIMEOUT, Duration.ofSeconds(30), 0);
			boolean debug = value(DEBUG).map((text) -> Numbers.flag(DEBUG, text)).orElse(false);
			DatabasePooler pooler = value(DATABASE_POOLER).map((text) -> DatabasePooler.parse(DATABASE_POOLER, text))
				.orElse(DatabasePooler.NONE);
			DatabaseSettings database = location(pool, startupTimeout, debug, pooler);
			refuseForeignDatabase(value(DATABASE_URL).isPresent() ? DATABASE_URL : DATABASE_NAME, database.database());
			refuseWhatThePoolerCannotCarry(database);
			DatabaseSettings migration = migration(database);
			OptionalInt httpPort = value(PORT).map((text) -> OptionalInt.of(Numbers.port(PORT, text, "TCP port")))
				.orElse(OptionalInt.empty());
			return new StorefrontSettings(this.service, database, migration, httpPort, healthDetailsToken(),
					this.warnings);
		}

		/**
		 * Empty is no token (/health/detailed open), as for every other variable; a value
		 * of only whitespace was meant as a token, and is refused rather than leaving the
		 * endpoint open.
		 */
		private Optional<String> healthDetailsToken() {
			String raw = this.variables.apply(HEALTH_DETAILS_TOKEN);
			if (raw != null && !raw.isEmpty() && raw.isBlank()) {
				throw new InvalidSettingException(HEALTH_DETAILS_TOKEN,
						"is only whitespace; set a token, or leave it empty to keep /health/detailed open");
			}
			return value(HEALTH_DETAILS_TOKEN);
		}

		private DatabaseSettings location(PoolSettings pool, Duration startupTimeout, boolean debug,
				DatabasePooler pooler) {
			Optional<String> url = value(DATABASE_URL);
			if (url.isPresent()) {
				DatabaseUrl parsed = DatabaseUrl.parse(DATABASE_URL, url.get());
				warnIfDisagreeing(DATABASE_HOST, parsed.host());
				warnIfDisagreeing(DATABASE_PORT, Integer.toString(parsed.port()));
				warnIfDisagreeing(DATABASE_NAME, parsed.database());
				// Credentials the URL leaves out come from the component variables, as
				// libpq takes PGPASSWORD for a URL without one: a URL in configuration,
				// the password from a secret.
				String user = parsed.user();
				if (user != null) {
					warnIfDisagreeing(DATABASE_USER, user);
				}
				else {
					user = value(DATABASE_USER).orElse(this.service.defaultRole());
				}
				String password = parsed.password();
				if (password != null) {
					rawValue(DATABASE_PASSWORD).filter((given) -> !given.equals(parsed.password()))
						.ifPresent((given) -> this.warnings.add(DATABASE_PASSWORD
								+ " disagrees with the password in DATABASE_URL; using DATABASE_URL"));
				}
				else {
					password = rawValue(DATABASE_PASSWORD).orElse(null);
				}
				return new DatabaseSettings(parsed.host(), parsed.port(), parsed.database(), user, password,
						DriverParameters.forDriver(parsed.parameters()), pool, startupTimeout, debug, pooler);
			}
			String host = value(DATABASE_HOST).orElse("localhost");
			if (!DatabaseUrl.isHost(host)) {
				throw new InvalidSettingException(DATABASE_HOST,
						"must be a host name or address: only letters, digits, '-', '.' and '_', or an IPv6 address"
								+ " in brackets such as [::1] (got \"" + host + "\")");
			}
			int port = value(DATABASE_PORT).map((text) -> Numbers.port(DATABASE_PORT, text, "TCP port")).orElse(5432);
			String name = value(DATABASE_NAME).orElse(this.service.databaseName());
			String user = value(DATABASE_USER).orElse(this.service.defaultRole());
			String password = rawValue(DATABASE_PASSWORD).orElse(null);
			return new DatabaseSettings(host, port, name, user, password, Map.of(), pool, startupTimeout, debug,
					pooler);
		}

		/**
		 * {@code DATABASE_MIGRATION_URL}: the same database and role as the service's own
		 * connection, reached directly; credentials it leaves out are the service's.
		 */
		private DatabaseSettings migration(DatabaseSettings database) {
			Optional<String> url = value(DATABASE_MIGRATION_URL);
			if (url.isEmpty()) {
				if (database.pooler() != DatabasePooler.NONE) {
					this.warnings
						.add(DATABASE_POOLER + "=" + database.pooler().value() + " without " + DATABASE_MIGRATION_URL
								+ ": migrations and their session-level lock go through the pooler;" + " set "
								+ DATABASE_MIGRATION_URL + " to a direct connection to PostgreSQL");
				}
				return database;
			}
			DatabaseUrl parsed = DatabaseUrl.parse(DATABASE_MIGRATION_URL, url.get());
			refuseForeignDatabase(DATABASE_MIGRATION_URL, parsed.database());
			if (!parsed.database().equals(database.database())) {
				throw new InvalidSettingException(DATABASE_MIGRATION_URL,
						"names database " + parsed.database() + ", but the service uses " + database.database()
								+ "; migrations run on the service's own database");
			}
			String user = (parsed.user() != null) ? parsed.user() : database.user();
			if (!user.equals(database.user())) {
				throw new InvalidSettingException(DATABASE_MIGRATION_URL,
						"logs in as " + user + ", but the service logs in as " + database.user()
								+ "; migrations run as the service's own role");
			}
			String password = (parsed.password() != null) ? parsed.password() : database.password();
			return new DatabaseSettings(parsed.host(), parsed.port(), parsed.database(), user, password,
					DriverParameters.forDriver(parsed.parameters()), database.pool(), database.startupTimeout(),
					database.debug(), DatabasePooler.NONE);
		}

		/**
		 * PgBouncer refuses startup parameters it does not track ({@code options}), and a
		 * statement the driver prepares on one server session is unknown on the next.
		 */
		private void refuseWhatThePoolerCannotCarry(DatabaseSettings database) {
			if (database.pooler() != DatabasePooler.PGBOUNCER) {
				return;
			}
			for (String refused : STARTUP_PARAMETERS_PGBOUNCER_REFUSES) {
				if (database.driverParameters().containsKey(refused)) {
					throw new InvalidSettingException(DATABASE_URL, "sets " + refused + ", which PgBouncer refuses at"
							+ " login (DATABASE_POOLER=pgbouncer); set it on the role instead (ALTER ROLE … SET …)");
				}
			}
			String threshold = database.driverParameters().get("prepareThreshold");
			if (threshold != null && !threshold.equals("0")) {
				throw new InvalidSettingException(DATABASE_URL, "sets prepareThreshold=" + threshold
						+ ", but behind PgBouncer in transaction mode (DATABASE_POOLER=pgbouncer) statements cannot be"
						+ " prepared on the server; leave it out");
			}
		}

		private void refuseForeignDatabase(String variable, String databaseName) {
			KnownServices.ownerOfDatabase(databaseName)
				.filter((owner) -> !owner.databaseName().equals(this.service.databaseName()))
				.ifPresent((owner) -> {
					throw new InvalidSettingException(variable,
							"points at " + owner.databaseName() + ", which belongs to " + owner.name() + "; "
									+ this.service.name() + " may only use " + this.service.databaseName());
				});
		}

		private void warnIfDisagreeing(String variable, String effective) {
			value(variable).filter((given) -> !given.equals(effective))
				.ifPresent((given) -> this.warnings.add(variable + "=" + given + " disagrees with DATABASE_URL ("
						+ effective + "); using DATABASE_URL"));
		}

		private Duration recycle() {
			Duration recycle = secondsOr(DATABASE_POOL_RECYCLE, Duration.ofSeconds(3600), 0);
			if (!recycle.isZero() && recycle.toMillis() < MINIMUM_RECYCLE_SECONDS * 1000) {
				throw new InvalidSettingException(DATABASE_POOL_RECYCLE,
						"must be 0 (never recycle) or at least 30 seconds (got "
								+ Numbers.secondsRead(value(DATABASE_POOL_RECYCLE).orElseThrow()) + ")");
			}
			return recycle;
		}

		private int intOr(String variable, int fallback, int minimum, int maximum) {
			return value(variable).map((text) -> Numbers.wholeNumber(variable, text, minimum, maximum))
				.orElse(fallback);
		}

		private Duration secondsOr(String variable, Duration fallback, double minimum) {
			return value(variable).map((text) -> Numbers.seconds(variable, text, minimum)).orElse(fallback);
		}

		private Optional<String> value(String variable) {
			String value = this.variables.apply(variable);
			return (value == null || value.isBlank()) ? Optional.empty() : Optional.of(value.trim());
		}

		/** Passwords may begin or end with spaces; they are taken exactly as given. */
		private Optional<String> rawValue(String variable) {
			String value = this.variables.apply(variable);
			return (value == null || value.isEmpty()) ? Optional.empty() : Optional.of(value);
		}

	}

}
