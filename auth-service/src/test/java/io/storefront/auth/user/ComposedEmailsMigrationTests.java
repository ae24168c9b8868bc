package io.storefront.auth.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthServiceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 composes the emails stored before addresses were composed again after lower-casing,
 * so those accounts can log in again, and leaves a pair that would collide alone. Run
 * again here on rows written as the old code wrote them (the migration itself ran when
 * the test database was made).
 */
class ComposedEmailsMigrationTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "migration-password-1";

	@Test
	void anEmailStoredDecomposedIsComposedAndItsAccountLogsInAgain() throws IOException {
		String email = AuthApi.uniqueEmail("j\u030cohn");
		api().registered(email, PASSWORD);
		this.jdbc.sql("UPDATE users SET email = :decomposed WHERE email = :composed")
			.param("decomposed", email)
			.param("composed", EmailAddress.normalise(email))
			.update();
		api().login(email, PASSWORD).problem(401);

		migrate();

		assertThat(api().login(email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aPairThatWouldCollideIsLeftAlone() throws IOException {
		String suffix = UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String composed = "\u01f0ane-" + suffix;
		String decomposed = "j\u030cane-" + suffix;
		api().registered(composed, PASSWORD);
		api().registered("pending-" + suffix, PASSWORD);
		this.jdbc.sql("UPDATE users SET email = :decomposed WHERE email = :pending")
			.param("decomposed", decomposed)
			.param("pending", "pending-" + suffix)
			.update();

		migrate();

		assertThat(this.jdbc.sql("SELECT count(*) FROM users WHERE email IN (:composed, :decomposed)")
			.param("composed", composed)
			.param("decomposed", decomposed)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private void migrate() throws IOException {
		String migration = new ClassPathResource("db/migration/V5__composed_emails.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		this.jdbc.sql(migration).update();
	}

}
