package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Provisioning installs each service's extensions, as the administrator, in that
 * service's database only.
 */
class ProvisionerExtensionsTests {

	private static TestPostgres postgres;

	private static List<ServiceAccount> firstRun;

	private static List<ServiceAccount> secondRun;

	@BeforeAll
	static void provisionTwice() throws SQLException {
		postgres = TestPostgres.dedicated();
		Provisioner provisioner = new Provisioner(postgres.admin());
		firstRun = provisioner.provision(KnownServices.ALL, Map.of(), false);
		// A second run, given the passwords of the first (as the env file would), must
		// find everything in
		// place and change nothing.
		Map<String, String> knownPasswords = new HashMap<>();
		firstRun.forEach((account) -> knownPasswords.put(account.role(), account.password()));
		secondRun = provisioner.provision(KnownServices.ALL, knownPasswords, false);
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void productDbGetsPgTrgmInItsPublicSchema() throws SQLException {
		assertThat(KnownServices.PRODUCT.extensions()).containsExactly("pg_trgm");
		assertThat(extensions("product_db")).containsExactly("pg_trgm in public", "plpgsql in pg_catalog");
	}

	@Test
	void anExtensionTheServerDoesNotOfferIsReportedAndTheRestIsProvisioned() throws SQLException {
		ServiceIdentity needy = new ServiceIdentity("needy-service", 8009, "needy_db", "needy_svc",
				List.of("storefront_no_such_extension", "pg_trgm"));

		List<ServiceAccount> accounts = new Provisioner(postgres.admin()).provision(List.of(needy), Map.of(), false);

		assertThat(accounts).singleElement().satisfies((account) -> {
			assertThat(account.missingExtensions()).containsExactly("storefront_no_such_extension");
			assertThat(account.roleCreated()).isTrue();
			assertThat(account.databaseCreated()).isTrue();
		});
		assertThat(extensions("needy_db")).containsExactly("pg_trgm in public", "plpgsql in pg_catalog");
	}

	@Test
	void aSecondRunWithTheKnownPasswordsChangesNothing() {
		assertThat(firstRun)
			.extracting(ServiceAccount::roleCreated, ServiceAccount::databaseCreated, ServiceAccount::passwordChanged)
			.containsOnly(tuple(true, true, true));
		assertThat(secondRun)
			.extracting(ServiceAccount::service, ServiceAccount::role, ServiceAccount::password,
					ServiceAccount::roleCreated, ServiceAccount::databaseCreated, ServiceAccount::passwordChanged,
					ServiceAccount::missingExtensions)
			.containsExactlyElementsOf(firstRun.stream()
				.map((first) -> tuple(first.service(), first.role(), first.password(), false, false, false, List.of()))
				.toList());
	}

	@Test
	void theEmbeddedServerOffersEveryExtensionTheServicesUse() {
		assertThat(secondRun).hasSize(KnownServices.ALL.size())
			.allSatisfy((account) -> assertThat(account.missingExtensions()).isEmpty());
	}

	@Test
	void theOtherDatabasesGetNoExtension() throws SQLException {
		assertThat(KnownServices.AUTH.extensions()).isEmpty();
		assertThat(KnownServices.CART.extensions()).isEmpty();
		assertThat(extensions("auth_db")).containsExactly("plpgsql in pg_catalog");
		assertThat(extensions("cart_db")).containsExactly("plpgsql in pg_catalog");
	}

	@Test
	void theRolesGainNoPrivilege() throws SQLException {
		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection admin = postgres.adminConnection(service.databaseName());
					PreparedStatement query = admin.prepareStatement("""
							SELECT has_database_privilege(r.rolname, current_database(), 'CREATE'),
							       r.rolsuper, r.rolcreatedb, r.rolcreaterole
							FROM pg_roles r WHERE r.rolname = ?""")) {
				query.setString(1, service.defaultRole());
				try (ResultSet row = query.executeQuery()) {
					assertThat(row.next()).isTrue();
					for (int column = 1; column <= 4; column++) {
						assertThat(row.getBoolean(column)).as(service.defaultRole() + " column " + column).isFalse();
					}
				}
			}
		}
	}

	@Test
	void theServiceRoleCanUseTheInstalledOperatorClass() throws SQLException {
		ServiceAccount product = postgres.account(KnownServices.PRODUCT);
		String url = "jdbc:postgresql://localhost:" + postgres.port() + "/product_db";
		try (Connection connection = java.sql.DriverManager.getConnection(url, product.role(), product.password());
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE trigram_probe (t text)");
			statement.execute("CREATE INDEX trigram_probe_idx ON trigram_probe USING gin (t gin_trgm_ops)");
			statement.execute("DROP TABLE trigram_probe");
		}
	}

	private static List<String> extensions(String database) throws SQLException {
		List<String> installed = new ArrayList<>();
		try (Connection admin = postgres.adminConnection(database);
				ResultSet rows = admin.createStatement().executeQuery("""
						SELECT e.extname || ' in ' || n.nspname
						FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
						ORDER BY e.extname""")) {
			while (rows.next()) {
				installed.add(rows.getString(1));
			}
		}
		return installed;
	}

}
