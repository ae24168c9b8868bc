package io.storefront.db.config;

import java.util.List;

/**
 * Who a service is: its name, its default HTTP port, and the database and role it owns
 * (contract section 1), plus the PostgreSQL extensions its migrations expect in that
 * database. The service's least-privilege role cannot create extensions, so provisioning
 * installs these as the administrator.
 */
public record ServiceIdentity(String name, int defaultPort, String databaseName, String defaultRole,
		List<String> extensions) {

	public ServiceIdentity {
		extensions = List.copyOf(extensions);
	}

	/** A service that needs no extension. */
	public ServiceIdentity(String name, int defaultPort, String databaseName, String defaultRole) {
		this(name, defaultPort, databaseName, defaultRole, List.of());
	}

	/**
	 * Name shown in {@code pg_stat_activity.application_name} for the monitor's own probe
	 * connection.
	 */
	public String monitorApplicationName() {
		return this.name + "-monitor";
	}

}
