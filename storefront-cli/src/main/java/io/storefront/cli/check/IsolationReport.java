package io.storefront.cli.check;

import java.util.List;

/**
 * Whether a service's login is refused by every other service's database, and by every
 * other database of the server.
 *
 * @param error why the check failed ({@code isolation violated: …} or that it could not
 * be done), {@code null} when it passed
 * @param warning the databases the login may open because {@code PUBLIC} may,
 * {@code null} when none
 */
public record IsolationReport(boolean ok, String error, String warning, List<Attempt> attempts) {

	public IsolationReport {
		attempts = List.copyOf(attempts);
	}

	static IsolationReport skipped(String reason) {
		return new IsolationReport(false, reason, null, List.of());
	}

	/**
	 * One try to connect to another service's database, or what the catalog says about
	 * another database.
	 *
	 * @param outcome {@code refused} (as it must be), {@code connected} (isolation
	 * violated), {@code error} (the try could not tell); for the server's other
	 * databases, {@code granted} (the login holds {@code CONNECT}: isolation violated) or
	 * {@code public} ({@code PUBLIC} holds it: a warning)
	 */
	public record Attempt(String database, String outcome, String detail) {

	}

}
