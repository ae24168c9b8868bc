package io.storefront.cart;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.cart.support.ServiceStarts;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * cart-service talks only to cart_db, as cart_svc, and refuses to start on another
 * service's database.
 */
class OwnDatabaseTests extends CartApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void theApplicationsDataSourceIsConnectedToCartDbAsCartSvc() {
		JdbcClient app = JdbcClient.create(this.dataSource);

		assertThat(app.sql("SELECT current_database()").query(String.class).single()).isEqualTo("cart_db");
		assertThat(app.sql("SELECT current_user").query(String.class).single()).isEqualTo("cart_svc");
		assertThat(app.sql("SELECT to_regclass('public.cart_items') IS NOT NULL").query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void healthReportsTheCartDatabase() {
		Response health = get("/health", null);

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("service").asString()).isEqualTo("cart-service");
		assertThat(health.json().get("database").get("database_name").asString()).isEqualTo("cart_db");
	}

	@Test
	void startingOnTheProductDatabaseFailsNamingDatabaseUrl() {
		String productDatabase = TestPostgres.shared().databaseUrl(KnownServices.PRODUCT);

		InvalidSettingException refused = ServiceStarts.refusedStart(Map.of("DATABASE_URL", productDatabase));

		assertThat(refused.variable()).isEqualTo("DATABASE_URL");
		assertThat(refused).hasMessageContaining("product_db");
	}

	@Test
	void startingOnTheAuthDatabaseByNameFailsNamingDatabaseName() {
		InvalidSettingException refused = ServiceStarts
			.refusedStart(Map.of("DATABASE_NAME", "auth_db", "DATABASE_URL", ""));

		assertThat(refused.variable()).isEqualTo("DATABASE_NAME");
		assertThat(refused).hasMessageContaining("auth_db");
	}

	@Test
	void theCartRoleCannotConnectToAnotherServicesDatabase() {
		TestPostgres postgres = TestPostgres.shared();
		postgres.provision(KnownServices.PRODUCT);
		ServiceAccount cart = postgres.account(KnownServices.CART);

		assertThatThrownBy(() -> DriverManager
			.getConnection("jdbc:postgresql://localhost:" + postgres.port() + "/product_db", cart.role(),
					cart.password())
			.close()).isInstanceOf(SQLException.class);
	}

}
