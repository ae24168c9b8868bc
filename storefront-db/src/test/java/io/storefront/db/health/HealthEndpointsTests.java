package io.storefront.db.health;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.sample.SampleServiceApplication;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "storefront.service.version=1.0.0" })
class HealthEndpointsTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> TestPostgres.shared().databaseUrl(KnownServices.AUTH));
	}

	@LocalServerPort
	int port;

	@Test
	void healthSaysHealthy() throws Exception {
		var client = java.net.http.HttpClient.newHttpClient();
		var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/health")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		System.out.println(response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/health/detailed")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		System.out.println(response.body());
		response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/metrics")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		System.out.println(response.statusCode() + " " + response.body().lines().filter(l -> l.contains("hikari")).limit(5).toList());
	}

}
