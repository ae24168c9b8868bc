package io.storefront.cli.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.storefront.cli.DatabaseErrors;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.SqlErrors;
import io.storefront.db.provision.Provisioner;

/**
 * Proves isolation the only way that counts: a service's login tries every other
 * service's database on the same server, and each try must be refused (no CONNECT
 * privilege, no such database, or a login the server rejects). A connection that succeeds
 * is a violation. Every other database of the server the login may open
 * ({@code postgres}, {@code template1}, …) is a finding too: a violation when the login
 * was granted {@code CONNECT} there, a warning when {@code PUBLIC} holds it, since that
 * is the server's own default, which {@code db provision} changes on a shared server only
 * when told to. A login with an attribute that reaches past every privilege (SUPERUSER,
 * CREATEROLE, …) violates isolation too.
 */
final class IsolationCheck {

	private IsolationCheck() {
	}

	static IsolationReport run(ServiceIdentity service, DatabaseSettings settings) {
		List<IsolationReport.Attempt> attempts = new ArrayList<>();
		List<String> otherServices = new ArrayList<>();
		for (ServiceIdentity other : KnownServices.ALL) {
			if (!other.equals(service)) {
				attempts.add(attempt(settings, other.databaseName()));
				otherServices.add(other.databaseName());
			}
		}
		try {
			attempts.addAll(OtherDatabases.of(settings, otherServices));
		}
		catch (SQLException ex) {
			attempts.add(new IsolationReport.Attempt("(other databases)", "error", DatabaseErrors.describe(ex)));
		}
		List<String> attributes = List.of();
		try {
			attributes = RoleAttributes.of(settings);
		}
		catch (SQLException ex) {
			attempts.add(new IsolationReport.Attempt("(role attributes)", "error", DatabaseErrors.describe(ex)));
		}
		List<String> violated = databases(attempts,
				(attempt) -> attempt.outcome().equals("connected") || attempt.outcome().equals("granted"));
		List<String> undecided = databases(attempts, (attempt) -> attempt.outcome().equals("error"));
		List<String> openToPublic = databases(attempts, (attempt) -> attempt.outcome().equals("public"));
		String warning = openToPublic.isEmpty() ? null
				: settings.user() + " can open " + String.join(", ", openToPublic)
						+ ": CONNECT is granted to PUBLIC there (" + publicConnectRemedy(openToPublic) + ")";
		List<String> violations = new ArrayList<>();
		if (!violated.isEmpty()) {
			violations.add(settings.user() + " can connect to " + String.join(", ", violated));
		}
		if (!attributes.isEmpty()) {
			violations.add(settings.user() + " has " + String.join(", ", attributes) + ", which "
					+ ((attributes.size() == 1) ? "reaches" : "reach")
					+ " past its own database (./storefront db provision resets "
					+ ((attributes.size() == 1) ? "it" : "them") + ")");
		}
		if (!violations.isEmpty()) {
			return new IsolationReport(false, "isolation violated: " + String.join("; ", violations), warning,
					attempts);
		}
		if (!undecided.isEmpty()) {
			return new IsolationReport(false, "could not test " + String.join(", ", undecided) + ": "
					+ attempts.stream().filter((a) -> a.outcome().equals("error")).findFirst().orElseThrow().detail(),
					warning, attempts);
		}
		return new IsolationReport(true, null, warning, attempts);
	}

	/**
	 * {@code db provision --revoke-public-connect} revokes it on {@code postgres} and
	 * {@code template1} only; any other database takes the statement.
	 */
	private static String publicConnectRemedy(List<String> openToPublic) {
		List<String> shared = openToPublic.stream().filter(Provisioner.SHARED_DATABASES::contains).toList();
		List<String> others = openToPublic.stream().filter((database) -> !shared.contains(database)).toList();
		List<String> remedies = new ArrayList<>();
		if (!shared.isEmpty()) {
			remedies.add("db provision --revoke-public-connect revokes it"
					+ (others.isEmpty() ? "" : " on " + String.join(", ", shared)));
		}
		if (!others.isEmpty()) {
			remedies.add("REVOKE CONNECT ON DATABASE " + String.join(", ", others) + " FROM PUBLIC");
		}
		return String.join("; ", remedies);
	}

	private static IsolationReport.Attempt attempt(DatabaseSettings settings, String database) {
		try (Connection connection = ServiceConnections.open(settings, database)) {
			return new IsolationReport.Attempt(database, "connected", settings.user() + " can connect to " + database);
		}
		catch (SQLException ex) {
			if (DatabaseErrors.isLoginRefused(ex)) {
				return new IsolationReport.Attempt(database, "refused", SqlErrors.shortReason(ex));
			}
			return new IsolationReport.Attempt(database, "error", DatabaseErrors.describe(ex));
		}
	}

	private static List<String> databases(List<IsolationReport.Attempt> attempts,
			Predicate<IsolationReport.Attempt> filter) {
		return attempts.stream().filter(filter).map(IsolationReport.Attempt::database).toList();
	}

}
