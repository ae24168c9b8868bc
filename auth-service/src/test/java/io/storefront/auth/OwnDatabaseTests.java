package io.storefront.auth;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class OwnDatabaseTests extends AuthServiceTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void theApplicationsDataSourceIsAuthDbAsAuthSvc() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("auth_db");
		assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("auth_svc");
	}

	@Test
	void startingOnAnotherServicesDatabaseUrlFails() {
		String productUrl = TestPostgres.shared().databaseUrl(KnownServices.PRODUCT);

		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AuthServiceApplication.class)
			.run("--DATABASE_URL=" + productUrl, "--server.port=0")
			.close());

		InvalidSettingException invalid = invalidSetting(failure);
		assertThat(invalid.variable()).isEqualTo("DATABASE_URL");
		assertThat(invalid.getMessage()).contains("product_db")
			.doesNotContain(TestPostgres.shared().account(KnownServices.PRODUCT).password());
	}

	@Test
	void startingOnAnotherServicesDatabaseNameFails() {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AuthServiceApplication.class)
			.run("--DATABASE_HOST=localhost", "--DATABASE_PORT=" + TestPostgres.shared().port(),
					"--DATABASE_NAME=cart_db", "--server.port=0")
			.close());

		assertThat(invalidSetting(failure).variable()).isEqualTo("DATABASE_NAME");
	}

	private static InvalidSettingException invalidSetting(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidSettingException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("start-up did not fail with an InvalidSettingException", failure);
	}

}
