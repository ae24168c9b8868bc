package io.storefront.cli.check;

import java.util.List;

/**
 * Whether a service's login is refused by every other service's database.
 *
 * @param error why the check failed ({@code isolation violated: …} or that it could not be done),
 * {@code null} when it passed
 */
public record IsolationReport(boolean ok, String error, List<Attempt> attempts) {

	public IsolationReport {
		attempts = List.copyOf(attempts);
	}

	static IsolationReport skipped(String reason) {
		return new IsolationReport(false, reason, List.of());
	}

	/**
	 * One try to connect to another service's database.
	 *
	 * @param outcome {@code refused} (as it must be), {@code connected} (isolation violated) or
	 * {@code error} (the try could not tell)
	 */
	public record Attempt(String database, String outcome, String detail) {

	}

}
