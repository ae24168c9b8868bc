package io.storefront.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest pool the settings allow, one connection, starts and serves: Flyway
 * migrates on a connection of its own, not the pool's.
 */
class OneConnectionPoolTests extends AuthServiceTestSupport {

	@Test
	void aPoolOfOneConnectionMigratesStartsAndServes() {
		try (AuthInstance auth = AuthInstance.start("--DATABASE_POOL_SIZE=1", "--DATABASE_MAX_OVERFLOW=0",
				"--DATABASE_POOL_TIMEOUT=2")) {
			AuthApi api = auth.api();
			String email = AuthApi.uniqueEmail("one-connection");

			assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
			assertThat(api.register(email, "one connection pool").status()).isEqualTo(201);
			assertThat(api.login(email, "one connection pool").status()).isEqualTo(200);
		}
	}

}
