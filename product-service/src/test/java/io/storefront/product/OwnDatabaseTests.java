package io.storefront.product;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The product service uses product_db and nothing else. */
class OwnDatabaseTests extends ProductApiTestSupport {

	@Test
	void theApplicationsDataSourceIsConnectedToProductDb() {
		assertThat(this.jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("product_db");
		assertThat(this.jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("product_svc");
	}

	@Test
	void startingWithAnotherServicesDatabaseUrlFails() {
		String cartUrl = TestPostgres.shared().databaseUrl(KnownServices.CART);

		assertThatThrownBy(() -> start("--DATABASE_URL=" + cartUrl)).satisfies((failure) -> {
			InvalidSettingException invalid = CauseChain.find(failure, InvalidSettingException.class).orElse(null);
			assertThat(invalid).isNotNull();
			assertThat(invalid.variable()).isEqualTo("DATABASE_URL");
			assertThat(invalid.getMessage()).contains("cart_db").doesNotContain("password=");
		});
	}

	@Test
	void startingWithAnotherServicesDatabaseNameFails() {
		TestPostgres postgres = TestPostgres.shared();

		assertThatThrownBy(() -> start("--DATABASE_URL=", "--DATABASE_HOST=localhost",
				"--DATABASE_PORT=" + postgres.port(), "--DATABASE_NAME=auth_db"))
			.satisfies((failure) -> {
				InvalidSettingException invalid = CauseChain.find(failure, InvalidSettingException.class).orElse(null);
				assertThat(invalid).isNotNull();
				assertThat(invalid.variable()).isEqualTo("DATABASE_NAME");
				assertThat(invalid.getMessage()).contains("auth_db");
			});
	}

	@Test
	void theRoleCannotReachOtherServicesDatabases() {
		String productUrl = TestPostgres.shared().databaseUrl(KnownServices.PRODUCT);
		TestPostgres.shared().provision(KnownServices.AUTH, KnownServices.CART);
		String jdbcUrl = "jdbc:postgresql://localhost:" + TestPostgres.shared().port() + "/cart_db";
		String password = TestPostgres.shared().account(KnownServices.PRODUCT).password();

		assertThat(productUrl).contains("product_db");
		assertThatThrownBy(() -> java.sql.DriverManager.getConnection(jdbcUrl, "product_svc", password).close())
			.isInstanceOf(java.sql.SQLException.class)
			.hasMessageContaining("permission denied");
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(ProductServiceApplication.class).run(
				java.util.stream.Stream
					.concat(java.util.stream.Stream.of("--server.port=0", "--AUTH_JWKS_URL=" + tokens.jwksUrl(),
							"--DATABASE_STARTUP_TIMEOUT=5"), java.util.Arrays.stream(args))
					.toArray(String[]::new))
			.close();
	}

}
