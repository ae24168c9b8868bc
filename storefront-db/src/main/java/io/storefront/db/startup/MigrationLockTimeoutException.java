package io.storefront.db.startup;

import java.time.Duration;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.DatabaseSettings;

/**
 * Another instance of the service held Flyway's lock, migrating the same database, for
 * longer than this one waits for its database at start-up
 * ({@code DATABASE_STARTUP_TIMEOUT}). Started again, as an orchestrator or
 * {@code ./storefront up} does, the instance waits again or finds the schema up to date.
 */
public class MigrationLockTimeoutException extends StartupFailureException {

	/**
	 * How Flyway says it gave up on its PostgreSQL advisory lock: a plain
	 * {@code FlywayException} with no cause and no error code, so its message is the only
	 * sign.
	 */
	private static final String FLYWAY_GAVE_UP = "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock";

	public MigrationLockTimeoutException(DatabaseSettings migration, Throwable cause) {
		super("database " + migration.describe() + " is being migrated by another instance, which still held "
				+ "the migration lock after " + migration.describeStartupTimeout(), cause);
	}

	/** Whether {@code failure} is Flyway giving up on the lock another session holds. */
	public static boolean isFlywayGivingUp(Throwable failure) {
		return CauseChain.of(failure)
			.anyMatch((cause) -> cause.getMessage() != null && cause.getMessage().startsWith(FLYWAY_GAVE_UP));
	}

	/**
	 * Flyway's {@code lockRetryCount} for waiting about {@code wait}: it tries the lock
	 * once a second.
	 */
	public static int lockRetries(Duration wait) {
		return (int) Math.ceil(wait.toMillis() / 1000.0);
	}

}
