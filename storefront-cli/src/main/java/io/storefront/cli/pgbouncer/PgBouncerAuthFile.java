package io.storefront.cli.pgbouncer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.util.PasswordUtil;

/**
 * PgBouncer's {@code auth_file}: one {@code "role" "SCRAM-SHA-256$…"} line per login. The
 * roles' lines are their verifiers exactly as PostgreSQL stores them, so PgBouncer can
 * check a client and then log in to the server with the client's own SCRAM proof; no
 * plain password is ever written.
 */
public final class PgBouncerAuthFile {

	private PgBouncerAuthFile() {
	}

	/**
	 * The SCRAM verifiers of {@code roles} from {@code pg_authid} (readable by a
	 * superuser only).
	 * @throws IllegalStateException when a role is missing or its password is not stored
	 * as SCRAM
	 */
	public static Map<String, String> verifiers(Connection admin, List<String> roles) throws SQLException {
		Map<String, String> verifiers = new LinkedHashMap<>();
		try (PreparedStatement query = admin
			.prepareStatement("SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY (?)")) {
			query.setArray(1, admin.createArrayOf("text", roles.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					verifiers.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		for (String role : roles) {
			String verifier = verifiers.get(role);
			if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
				throw new IllegalStateException("role " + role + " has no SCRAM-SHA-256 password in pg_authid"
						+ " (set password_encryption = scram-sha-256 and run db provision --rotate)");
			}
		}
		Map<String, String> ordered = new LinkedHashMap<>();
		roles.forEach((role) -> ordered.put(role, verifiers.get(role)));
		return ordered;
	}

	/**
	 * A SCRAM verifier for a password only PgBouncer checks (its console's admin), as
	 * PostgreSQL would make it.
	 */
	public static String verifier(String password) {
		return PasswordUtil.encodeScramSha256(password.toCharArray());
	}

	/** The file's content: one quoted pair per line, quotes inside doubled. */
	public static String render(Map<String, String> verifiers) {
		StringBuilder lines = new StringBuilder();
		verifiers
			.forEach((role, verifier) -> lines.append(quoted(role)).append(' ').append(quoted(verifier)).append('\n'));
		return lines.toString();
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
