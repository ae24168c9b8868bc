package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managed PostgreSQL (RDS, Cloud SQL) gives no superuser, only a login with CREATEROLE
 * and CREATEDB: provisioning must work with that alone.
 */
class ProvisionerWithoutSuperuserTests {

	private TestPostgres postgres;

	private AdminConnection managedAdmin;

	@BeforeEach
	void start() throws SQLException {
		this.postgres = TestPostgres.dedicated();
		this.postgres.runAsAdmin("postgres",
				"CREATE ROLE managed_admin WITH LOGIN CREATEROLE CREATEDB PASSWORD 'managed-secret'");
		this.managedAdmin = AdminConnection.parse("admin URL",
				"postgresql://managed_admin:managed-secret@localhost:" + this.postgres.port() + "/postgres");
	}

	@AfterEach
	void stop() {
		this.postgres.close();
	}

	@Test
	void anAdminWithCreateRoleAndCreateDbProvisionsOrdinaryRolesOwningTheirSchemas() throws SQLException {
		Provisioner provisioner = new Provisioner(this.managedAdmin);

		List<ServiceAccount> first = provisioner.provision(KnownServices.ALL, Map.of(), false);
		Map<String, String> knownPasswords = first.stream()
			.collect(Collectors.toMap(ServiceAccount::role, ServiceAccount::password));
		List<ServiceAccount> again = provisioner.provision(KnownServices.ALL, knownPasswords, false);

		assertThat(again).extracting(ServiceAccount::passwordChanged).containsOnly(false);
		try (Connection admin = this.postgres.adminConnection("postgres");
				Statement statement = admin.createStatement()) {
			for (ServiceIdentity service : KnownServices.ALL) {
				try (ResultSet row = statement.executeQuery("""
						SELECT rolcanlogin, rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls
						FROM pg_roles WHERE rolname = '%s'""".formatted(service.defaultRole()))) {
					assertThat(row.next()).isTrue();
					assertThat(row.getBoolean(1)).as(service.defaultRole() + " may log in").isTrue();
					assertThat(row.getBoolean(2)).as(service.defaultRole() + " has more than LOGIN").isFalse();
				}
			}
			try (ResultSet row = statement.executeQuery("""
					SELECT count(*) FROM pg_auth_members m JOIN pg_roles a ON a.oid = m.member
					WHERE a.rolname = 'managed_admin' AND m.grantor = m.member""")) {
				row.next();
				assertThat(row.getInt(1)).as("memberships the admin granted itself and kept").isZero();
			}
		}
		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection database = this.postgres.adminConnection(service.databaseName());
					Statement statement = database.createStatement();
					ResultSet row = statement
						.executeQuery("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")) {
				row.next();
				assertThat(row.getString(1)).isEqualTo(service.defaultRole());
			}
		}
	}

	@Test
	void anExistingRoleWithAnAttributeOnlyASuperuserMayTakeAwayIsFound() throws SQLException {
		this.postgres.runAsAdmin("postgres", "CREATE ROLE cart_svc LOGIN BYPASSRLS");

		assertThat(new Provisioner(this.managedAdmin).superuserOnlyAttributes(KnownServices.ALL))
			.containsExactly(Map.entry("cart_svc", List.of("BYPASSRLS")));
	}

}
