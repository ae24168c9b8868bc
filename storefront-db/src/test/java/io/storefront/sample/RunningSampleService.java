package io.storefront.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

/**
 * The sample service as auth-service on the shared test database, with its own
 * least-privilege role. Test classes that extend it without adding properties share one
 * application context.
 */
@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "storefront.service.version=1.0.0",
				"HEALTH_DETAILS_TOKEN=" + RunningSampleService.DETAILS_TOKEN })
public abstract class RunningSampleService {

	public static final String DETAILS_TOKEN = "details-t0ken";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DATABASE_URL", () -> TestPostgres.shared().databaseUrl(KnownServices.AUTH));
	}

	protected HttpProbe http() {
		return new HttpProbe(this.port);
	}

	/** {@code /health/detailed} with the right token. */
	protected tools.jackson.databind.JsonNode detailedHealth() {
		return HttpProbe.json(http().get("/health/detailed", "Authorization", "Bearer " + DETAILS_TOKEN));
	}

}
