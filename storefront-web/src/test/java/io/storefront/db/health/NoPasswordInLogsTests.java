package io.storefront.db.health;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A password never appears in a log line (contract section 2): everything a service logs
 * in a life with start-up, health checks, SQL logging, an outage, and failed starts with
 * wrong passwords.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPasswordInLogsTests {

	private static final String WRONG_PASSWORD = "Wr0ng@Pa55:w/rd";

	private static final String WRONG_PASSWORD_IN_URL = "Wr0ng%40Pa55%3Aw%2Frd";

	@Test
	void noLogLineShowsAPasswordThroughStartUpHealthChecksAnOutageAndFailedStarts(CapturedOutput output) {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			String password = postgres.account(KnownServices.AUTH).password();

			try (SampleService service = SampleService.start("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH),
					"DATABASE_PASSWORD=" + WRONG_PASSWORD, "DEBUG=true", "HEALTH_DETAILS_TOKEN=t0ken")) {
				HttpProbe http = service.http();
				assertThat(http.status("/health")).isEqualTo(200);
				assertThat(http.status("/health/detailed", "Authorization", "Bearer t0ken")).isEqualTo(200);
				assertThat(http.status("/health/detailed")).isEqualTo(401);
				assertThat(http.status("/health/ready")).isEqualTo(200);
				assertThat(http.status("/metrics")).isEqualTo(200);
				JdbcClient.create(service.bean(DataSource.class)).sql("SELECT 1").query(Integer.class).single();

				postgres.stop();
				await().atMost(Duration.ofSeconds(5)).until(() -> http.status("/health") == 503);
				http.status("/health/detailed", "Authorization", "Bearer t0ken");
				catchThrowable(() -> JdbcClient.create(service.bean(DataSource.class))
					.sql("SELECT 1")
					.query(Integer.class)
					.single());
				postgres.start();
				await().atMost(Duration.ofSeconds(15)).until(() -> http.status("/health") == 200);
			}

			String url = "postgresql://auth_svc:" + WRONG_PASSWORD_IN_URL + "@localhost:" + postgres.port()
					+ "/auth_db";
			assertThatException().isThrownBy(() -> SampleService.start("DATABASE_URL=" + url));
			assertThatException().isThrownBy(() -> SampleService.start("DATABASE_HOST=localhost",
					"DATABASE_PORT=" + postgres.port(), "DATABASE_PASSWORD=" + WRONG_PASSWORD));

			String logged = output.getAll();
			assertThat(logged).as("the life described above was logged")
				.contains("database reachable")
				.contains("DATABASE_PASSWORD disagrees with the password in DATABASE_URL")
				.contains("SELECT 1")
				.contains("database unhealthy")
				.contains("database healthy again")
				.contains("password authentication failed for user auth_svc");
			assertThat(logged).doesNotContain(password)
				.doesNotContain(WRONG_PASSWORD)
				.doesNotContain(WRONG_PASSWORD_IN_URL)
				.doesNotContain("Wr0ng");
		}
	}

}
