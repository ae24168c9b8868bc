package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A run that fails part-way changes no password: the env files are written only after a
 * run succeeds, so a password changed on the server before the failure would be in no
 * file, and the running service could no longer log in.
 */
class ProvisionerFailureTests {

	private TestPostgres postgres;

	@BeforeEach
	void start() {
		this.postgres = TestPostgres.dedicated();
	}

	@AfterEach
	void stop() {
		this.postgres.close();
	}

	@Test
	void aRotationThatFailsPartWayLeavesEveryPasswordAsItWas() throws SQLException {
		Provisioner provisioner = new Provisioner(this.postgres.admin());
		Map<String, String> known = new HashMap<>();
		provisioner.provision(KnownServices.ALL, Map.of(), false)
			.forEach((account) -> known.put(account.role(), account.password()));
		Map<String, String> verifiers = verifiers();
		// The last database's schema step fails, after every role and database is in
		// place.
		String lastDatabase = KnownServices.ALL.get(KnownServices.ALL.size() - 1).databaseName();
		this.postgres.runAsAdmin(lastDatabase, "DROP SCHEMA public CASCADE");

		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> provisioner.provision(KnownServices.ALL, known, true));

		assertThat(verifiers()).hasSize(KnownServices.ALL.size()).isEqualTo(verifiers);
	}

	/** Each service role's SCRAM verifier: a new salt each time a password is set. */
	private Map<String, String> verifiers() throws SQLException {
		Map<String, String> verifiers = new HashMap<>();
		List<String> roles = KnownServices.ALL.stream().map((service) -> service.defaultRole()).toList();
		try (Connection admin = this.postgres.adminConnection("postgres");
				PreparedStatement statement = admin
					.prepareStatement("SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY (?)")) {
			statement.setArray(1, admin.createArrayOf("text", roles.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					verifiers.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		return verifiers;
	}

}
