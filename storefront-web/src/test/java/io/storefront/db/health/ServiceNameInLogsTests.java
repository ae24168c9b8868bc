package io.storefront.db.health;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON line names the service that wrote it, whichever logger wrote it (Spring,
 * Tomcat, Hikari, Flyway or Storefront's own), so that the lines of several services in
 * one log store can be told apart.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceNameInLogsTests {

	@Test
	void everyLineOfAServicesLifeCarriesItsName(CapturedOutput output) {
		try (TestPostgres postgres = TestPostgres.dedicated()) {
			try (SampleService service = SampleService
				.start("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH))) {
				assertThat(service.http().status("/health")).isEqualTo(200);
			}
		}

		List<JsonNode> lines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{\"@timestamp\""))
			.map(HttpProbe::json)
			.toList();
		assertThat(lines).as("start-up, health and shutdown were logged")
			.extracting((line) -> line.get("logger_name").asString())
			.anyMatch((logger) -> logger.startsWith("com.zaxxer.hikari"))
			.anyMatch((logger) -> logger.startsWith("org.springframework"))
			.anyMatch((logger) -> logger.startsWith("io.storefront"));
		assertThat(lines).allSatisfy(
				(line) -> assertThat(line.get("service").asString()).as(line.toString()).isEqualTo("auth-service"));
	}

}
