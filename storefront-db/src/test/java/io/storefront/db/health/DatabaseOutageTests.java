package io.storefront.db.health;

import java.net.http.HttpResponse;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.pool.DatabaseUnavailableException;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The database is taken away from a running service and given back (contract section 4): the service
 * stays up, says it is unhealthy, fails requests fast, and recovers by itself with no restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	private static TestPostgres postgres;

	private static SampleService service;

	@BeforeAll
	static void startServiceOnItsOwnDatabase() {
		postgres = TestPostgres.dedicated();
		service = SampleService.start("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH),
				"DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=2");
	}

	@AfterAll
	static void stopServiceAndDatabase() {
		if (service != null) {
			service.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@AfterEach
	void databaseIsBack() {
		postgres.start();
		awaitHealth(200, Duration.ofSeconds(15));
	}

	@Test
	void healthAndReadinessSay503WhileTheDatabaseIsDownAndTheServiceRecoversWithoutRestart() {
		postgres.stop();

		awaitHealth(503, Duration.ofSeconds(5));
		JsonNode health = HttpProbe.json(http().get("/health"));
		assertThat(health.get("status").asString()).isEqualTo("unhealthy");
		assertThat(health.get("service").asString()).isEqualTo("auth-service");
		assertThat(health.get("database").get("status").asString()).isEqualTo("disconnected");
		assertThat(health.get("database").get("database_name").asString()).isEqualTo("auth_db");
		assertThat(health.get("database").get("error").asString()).isNotBlank().hasSizeLessThanOrEqualTo(201);
		HttpResponse<String> ready = http().get("/health/ready");
		assertThat(ready.statusCode()).isEqualTo(503);
		assertThat(HttpProbe.json(ready).get("status").asString()).isEqualTo("not_ready");
		assertThat(http().status("/health/live")).as("the process still serves").isEqualTo(200);
		assertThat(http().status("/health/detailed")).isEqualTo(503);

		postgres.start();

		awaitHealth(200, Duration.ofSeconds(15));
		assertThat(http().status("/health/ready")).isEqualTo(200);
		assertThat(jdbc().sql("SELECT 1").query(Integer.class).single()).as("queries work again").isEqualTo(1);
	}

	@Test
	void aQueryWhileTheDatabaseIsKnownDownFailsFastWithDatabaseUnavailable() {
		postgres.stop();
		awaitHealth(503, Duration.ofSeconds(5));

		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> jdbc().sql("SELECT 1").query(Integer.class).single());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isNotNull();
		assertThat(failure).hasCauseInstanceOf(DatabaseUnavailableException.class);
		assertThat(elapsed).as("far below the pool timeout of 30 s").isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void eachHealthChangeIsLoggedOnceHoweverManyRequestsSeeIt(CapturedOutput output) throws InterruptedException {
		int before = output.getOut().length();

		postgres.stop();
		for (int i = 0; i < 25; i++) {
			http().get("/health");
			http().get("/health/ready");
			Thread.sleep(100);
		}
		assertThat(http().status("/health")).isEqualTo(503);
		postgres.start();
		awaitHealth(200, Duration.ofSeconds(15));
		for (int i = 0; i < 10; i++) {
			assertThat(http().status("/health")).isEqualTo(200);
		}
		Thread.sleep(1500);

		String logged = output.getOut().substring(before);
		assertThat(logged.lines().filter((line) -> line.contains("database unhealthy"))).hasSize(1);
		assertThat(logged.lines().filter((line) -> line.contains("database healthy again"))).hasSize(1);
	}

	private static void awaitHealth(int status, Duration limit) {
		await().atMost(limit)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(http().status("/health")).isEqualTo(status));
	}

	private static HttpProbe http() {
		return service.http();
	}

	private static JdbcClient jdbc() {
		return JdbcClient.create(service.bean(DataSource.class));
	}

}
