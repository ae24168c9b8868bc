package io.storefront.db.provision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's role owns the {@code public} schema of its database, so it may put
 * functions and operators there; provisioning, which runs as a superuser in that
 * database, must not call them. The trap is the one of CVE-2018-1058: an operator
 * {@code public.=(name, varchar)} matches the provisioner's {@code name = ?} exactly, so
 * PostgreSQL would prefer it to {@code pg_catalog}'s own, and run it as the superuser.
 */
class ProvisionerSearchPathTests {

	private static final String TRAP = """
			CREATE FUNCTION public.trap_eq(name, varchar) RETURNS boolean LANGUAGE plpgsql AS $$
			BEGIN
			  IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
			    EXECUTE 'ALTER ROLE product_svc SUPERUSER';
			  END IF;
			  RETURN $1::text OPERATOR(pg_catalog.=) $2::text;
			END $$;
			CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = varchar, FUNCTION = public.trap_eq);
			""";

	private static TestPostgres postgres;

	@BeforeAll
	static void start() {
		postgres = TestPostgres.dedicated();
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void aTrapTheServiceRoleSetInItsSchemaIsNotRunByTheNextProvisioning() throws SQLException {
		Provisioner provisioner = new Provisioner(postgres.admin());
		ServiceAccount product = provisioner.provision(List.of(KnownServices.PRODUCT), Map.of(), false).get(0);
		try (Connection asService = DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + postgres.port() + "/product_db", product.role(), product.password());
				Statement statement = asService.createStatement()) {
			statement.execute(TRAP);
		}

		provisioner.provision(List.of(KnownServices.PRODUCT), Map.of(product.role(), product.password()), false);

		assertThat(postgres.runAsAdmin("postgres", "SELECT 1 FROM pg_roles WHERE rolname = 'product_svc' AND rolsuper"))
			.as("product_svc became a superuser")
			.isZero();
		assertThat(trapInPlace()).as("the trap was there to be found").isTrue();
	}

	private static boolean trapInPlace() throws SQLException {
		return postgres.queryAsAdmin("product_db",
				"SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace AND oprname = '='") == 1;
	}

}
