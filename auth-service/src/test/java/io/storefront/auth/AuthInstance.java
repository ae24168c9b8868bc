package io.storefront.auth;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another auth-service process, as a restart or a second replica would be: its own
 * context, pool and HTTP port, on the same database as the shared test context.
 */
public final class AuthInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private AuthInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts on the shared test database; {@code arguments} are extra
	 * {@code --NAME=value} settings.
	 */
	public static AuthInstance start(String... arguments) {
		return startOn(AuthServiceTestSupport.databaseUrl(), arguments);
	}

	/**
	 * Starts on the database at {@code databaseUrl}; {@code arguments} are extra
	 * {@code --NAME=value} settings.
	 */
	public static AuthInstance startOn(String databaseUrl, String... arguments) {
		List<String> all = new ArrayList<>();
		all.add("--DATABASE_URL=" + databaseUrl);
		all.add("--server.port=0");
		all.addAll(List.of(arguments));
		return new AuthInstance(
				new SpringApplicationBuilder(AuthServiceApplication.class).run(all.toArray(String[]::new)));
	}

	public AuthApi api() {
		return new AuthApi("http://localhost:" + port());
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
