package io.storefront.db.config;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Where a service's database is and how to pool connections to it, resolved from the
 * variables of contract section 2. {@link #toString()} never shows the password.
 *
 * @param pooler what sits between the service and PostgreSQL on this path
 */
public record DatabaseSettings(String host, int port, String database, String user, String password,
		Map<String, String> driverParameters, PoolSettings pool, Duration startupTimeout, boolean debug,
		DatabasePooler pooler) {

	public DatabaseSettings {
		driverParameters = Map.copyOf(driverParameters);
	}

	/**
	 * The JDBC URL without credentials or parameters, which travel as driver properties
	 * instead.
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/"
				+ URLEncoder.encode(this.database, StandardCharsets.UTF_8);
	}

	/**
	 * {@code user@host:port/database}: what an operator needs to recognise the target, no
	 * secret.
	 */
	public String describe() {
		return this.user + "@" + this.host + ":" + this.port + "/" + this.database;
	}

	/**
	 * {@code DATABASE_STARTUP_TIMEOUT=30 s}: the setting a message about giving up at
	 * start-up names, with its value.
	 */
	public String describeStartupTimeout() {
		return StorefrontSettings.DATABASE_STARTUP_TIMEOUT + "="
				+ BigDecimal.valueOf(this.startupTimeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
	}

	public boolean hasPassword() {
		return this.password != null && !this.password.isEmpty();
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + ", password=" + (hasPassword() ? "******" : "<none>")
				+ ", parameters=" + this.driverParameters.keySet() + ", pool=" + this.pool + ", startupTimeout="
				+ this.startupTimeout + ", debug=" + this.debug + ", pooler=" + this.pooler.value() + "]";
	}

}
