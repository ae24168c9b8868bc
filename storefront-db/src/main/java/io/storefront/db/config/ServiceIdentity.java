package io.storefront.db.config;

/**
 * Who a service is: its name, its default HTTP port, and the database and role it owns (contract
 * section 1).
 */
public record ServiceIdentity(String name, int defaultPort, String databaseName, String defaultRole) {

	/** Name shown in {@code pg_stat_activity.application_name} for the monitor's own probe connection. */
	public String monitorApplicationName() {
		return this.name + "-monitor";
	}

}
