package io.storefront.db.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Prepares every service's environment the same way:
 * <ul>
 * <li>a {@code .env} file in the working directory supplies variables the real
 * environment lacks;</li>
 * <li>the library's defaults ({@code storefront-defaults.properties}) sit below
 * everything else, so a service's own {@code application.properties} can override any of
 * them;</li>
 * <li>{@code DEBUG} means SQL statement logging (contract section 2), not Spring Boot's
 * debug mode, which would otherwise pick the same variable up.</li>
 * </ul>
 * Values are validated later, by {@link StorefrontSettings}, so that bad ones fail
 * start-up in one place.
 */
public class StorefrontEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Named as Spring Boot names environment variables' sources, so that it reads
	 * {@code STOREFRONT_WEB_PUBLIC_URL} as {@code storefront.web.public-url} the way it
	 * reads the real environment.
	 */
	static final String DOT_ENV_SOURCE = "storefrontDotEnv-systemEnvironment";

	static final String DEFAULTS_SOURCE = "storefrontDefaults";

	static final String DEBUG_SOURCE = "storefrontDebugMeansSqlLogging";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		postProcessEnvironment(environment, Path.of(".env"));
	}

	void postProcessEnvironment(ConfigurableEnvironment environment, Path dotEnvFile) {
		MutablePropertySources sources = environment.getPropertySources();
		Map<String, Object> dotEnv = new HashMap<>(DotEnvFile.read(dotEnvFile));
		if (!dotEnv.isEmpty()) {
			SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(DOT_ENV_SOURCE, dotEnv);
			if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
			}
			else {
				sources.addLast(source);
			}
		}
		sources.addLast(defaults());
		sources.addFirst(debugMeansSqlLogging(environment));
	}

	private static ResourcePropertySource defaults() {
		try {
			return new ResourcePropertySource(DEFAULTS_SOURCE, "classpath:storefront-defaults.properties");
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("storefront-defaults.properties is missing from the classpath", ex);
		}
	}

	private static MapPropertySource debugMeansSqlLogging(ConfigurableEnvironment environment) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("debug", "false");
		String debug = environment.getProperty(StorefrontSettings.DEBUG);
		if (debug != null && Numbers.parseFlag(debug).orElse(false)) {
			properties.put("logging.level.org.springframework.jdbc.core.JdbcTemplate", "DEBUG");
		}
		return new MapPropertySource(DEBUG_SOURCE, properties);
	}

}
