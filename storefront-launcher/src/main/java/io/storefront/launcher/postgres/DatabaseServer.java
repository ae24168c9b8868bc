package io.storefront.launcher.postgres;

import java.util.Optional;

import io.storefront.db.provision.AdminConnection;

/**
 * The PostgreSQL {@code up} provisions and the services use: embedded (started and
 * stopped here) or external.
 */
public interface DatabaseServer extends AutoCloseable {

	AdminConnection admin();

	/** One line for the summary: what runs where. */
	String describe();

	/**
	 * Why {@code up} must stop: the server it started has exited. Always empty for an
	 * external server, which is not {@code up}'s to watch.
	 */
	default Optional<String> exitedUnexpectedly() {
		return Optional.empty();
	}

	@Override
	void close();

	static DatabaseServer external(AdminConnection admin) {
		return new DatabaseServer() {

			@Override
			public AdminConnection admin() {
				return admin;
			}

			@Override
			public String describe() {
				return "PostgreSQL at " + admin.server() + " (external)";
			}

			@Override
			public void close() {
				// not ours to stop
			}

		};
	}

}
