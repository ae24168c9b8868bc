package io.storefront.auth;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

/**
 * One running auth-service for the HTTP tests: real Tomcat on a random port, the real
 * pool, and the shared embedded PostgreSQL provisioned like production (auth_svc on
 * auth_db). Every test class that extends this shares one Spring context; tests use fresh
 * emails so they do not see each other's data.
 */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "AUTH_ADMIN_EMAIL=" + AuthServiceTestSupport.ADMIN_EMAIL,
				"AUTH_ADMIN_PASSWORD=" + AuthServiceTestSupport.ADMIN_PASSWORD,
				// Every test of this context calls from 127.0.0.1; RateLimitTests has its
				// own instance.
				"storefront.auth.rate-limit.login-per-address=1000000",
				"storefront.auth.rate-limit.register-per-address=1000000",
				"storefront.auth.rate-limit.refresh-per-address=1000000",
				"storefront.auth.rate-limit.failed-logins-per-account=1000000",
				// bcrypt runs one at a time on 2 cores: twenty racing registrations queue
				// for ~2 s on a slow CPU, the default wait; PasswordHashingFloodTests
				// tests the wait on its own instance.
				"storefront.auth.password-hashing.max-wait=30s" })
public abstract class AuthServiceTestSupport {

	public static final String ADMIN_EMAIL = "Root@Storefront.Test";

	public static final String ADMIN_PASSWORD = "admin-secret-8f3e1c";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", AuthServiceTestSupport::databaseUrl);
	}

	public static String databaseUrl() {
		return TestPostgres.shared().databaseUrl(KnownServices.AUTH);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected AuthApi api() {
		return new AuthApi("http://localhost:" + this.port);
	}

	protected long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
