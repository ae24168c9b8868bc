package io.storefront.db.health;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.storefront.sample.HttpProbe;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health/ready} is 503 while the service's migrations are pending even though the
 * database answers (contract section 3), and 200 once they are applied.
 */
@Import(ReadinessWhileMigratingTests.HeldMigrations.class)
@DirtiesContext
class ReadinessWhileMigratingTests extends RunningSampleService {

	@Autowired
	private HeldMigrations migrations;

	@Test
	void readyIs503UntilTheMigrationsAreApplied() {
		HttpResponse<String> pending = http().get("/health/ready");

		assertThat(pending.statusCode()).isEqualTo(503);
		JsonNode body = HttpProbe.json(pending);
		assertThat(body.get("status").asString()).isEqualTo("not_ready");
		assertThat(body.get("migrations").asString()).isEqualTo("pending");
		assertThat(body.get("database").get("status").asString()).as("the database itself answers")
			.isEqualTo("connected");
		assertThat(http().status("/health")).isEqualTo(200);
		assertThat(http().status("/health/live")).isEqualTo(200);

		this.migrations.release();

		HttpResponse<String> applied = http().get("/health/ready");
		assertThat(applied.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.json(applied).get("migrations").asString()).isEqualTo("applied");
	}

	/**
	 * Flyway's run held back until the test releases it, as if it were still at work;
	 * then it runs and marks the migrations applied, as the library's own strategy does.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class HeldMigrations {

		private Runnable held;

		@Bean
		FlywayMigrationStrategy heldMigrationStrategy(MigrationStatus status) {
			return (flyway) -> this.held = () -> {
				flyway.migrate();
				status.markApplied();
			};
		}

		void release() {
			this.held.run();
		}

	}

}
