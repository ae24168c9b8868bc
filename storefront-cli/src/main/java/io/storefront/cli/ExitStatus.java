package io.storefront.cli;

/**
 * The tool's exit codes, which tell a script what happened as {@code pg_isready}'s do: 0
 * all good, 1 a check failed or the work could not be done, 2 wrong usage, 3
 * ({@code db check}) nothing answered: every failure was a server, PgBouncer or service
 * that could not be reached. 4 is {@code ./storefront}'s own, never the jar's: it could
 * not run the command at all (no JDK 21 or newer, or the build failed).
 */
public final class ExitStatus {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	public static final int UNREACHABLE = 3;

	public static final String CHECK_HELP = "Exit status: 0 every check passed; 1 a check failed (a login refused,"
			+ " isolation violated, over budget, a bad env file, an unhealthy answer); 2 wrong usage; 3 could not"
			+ " connect: each failure was something that did not answer (PostgreSQL, PgBouncer, a service's port);"
			+ " 4 (./storefront) no JDK 21+ or the build failed.%nProgress goes to stderr, the report to stdout.";

	public static final String PROVISION_HELP = "Exit status: 0 done; 1 the work could not be done (one line on stderr"
			+ " says why, e.g. the server is unreachable or the login is not a superuser); 2 wrong usage; 4"
			+ " (./storefront) no JDK 21+ or the build failed.";

	private ExitStatus() {
	}

}
