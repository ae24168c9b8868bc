package io.storefront.sample;

import java.util.ArrayList;
import java.util.List;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

/**
 * The sample service (as auth-service) on a private PostgreSQL of its own, for tests that
 * stop, crash or fill that server; closing it stops both.
 */
public final class ServiceOnOwnDatabase implements AutoCloseable {

	private final TestPostgres postgres;

	private final SampleService service;

	private ServiceOnOwnDatabase(TestPostgres postgres, SampleService service) {
		this.postgres = postgres;
		this.service = service;
	}

	/**
	 * Starts the service on {@code postgres} with a small pool; {@code settings} are
	 * {@code NAME=value} pairs.
	 */
	public static ServiceOnOwnDatabase start(TestPostgres postgres, String... settings) {
		List<String> all = new ArrayList<>(List.of("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH),
				"DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=2"));
		all.addAll(List.of(settings));
		try {
			return new ServiceOnOwnDatabase(postgres, SampleService.start(all.toArray(String[]::new)));
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	public TestPostgres postgres() {
		return this.postgres;
	}

	public SampleService service() {
		return this.service;
	}

	@Override
	public void close() {
		try {
			this.service.close();
		}
		finally {
			this.postgres.close();
		}
	}

}
