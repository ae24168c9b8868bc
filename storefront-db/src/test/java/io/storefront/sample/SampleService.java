package io.storefront.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPgBouncer;
import io.storefront.db.testing.TestPostgres;

/**
 * The sample service started in this JVM by hand, for tests that own its whole life:
 * start-up, a database taken away and given back, shutdown. Settings are passed as
 * command-line arguments, which win over anything in the environment.
 */
public final class SampleService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SampleService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts auth-service on a free port; {@code settings} are {@code NAME=value} pairs.
	 */
	public static SampleService start(String... settings) {
		List<String> args = new ArrayList<>(List.of("--storefront.service.name=auth-service", "--server.port=0",
				"--storefront.service.version=1.0.0"));
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return new SampleService(
				new SpringApplicationBuilder(SampleServiceApplication.class).run(args.toArray(String[]::new)));
	}

	/**
	 * The sample service (auth-service's database) through {@code pgbouncer}'s
	 * transaction pooling, migrating straight to {@code postgres} as a pooled service
	 * must, with a pool of 2 + 2 so that it asks for more connections than PgBouncer's
	 * few server sessions.
	 */
	public static SampleService throughPgBouncer(TestPostgres postgres, TestPgBouncer pgbouncer) {
		return start("DATABASE_URL=" + pgbouncer.databaseUrl(KnownServices.AUTH), "DATABASE_POOLER=pgbouncer",
				"DATABASE_MIGRATION_URL=" + postgres.databaseUrl(KnownServices.AUTH), "DATABASE_POOL_SIZE=2",
				"DATABASE_MAX_OVERFLOW=2");
	}

	public HttpProbe http() {
		return new HttpProbe(port());
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
