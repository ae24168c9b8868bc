package io.storefront.console.startup;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * A console without an access token shows reasons, versions, pools and the drill-down to
 * whoever reaches it, so unless an address is given it listens on this machine only. An
 * operator who sets the token, or names an address ({@code SERVER_ADDRESS}), decides
 * otherwise; {@link ExposureNotice} says at start which it is. Unordered, it runs last,
 * after the configuration files have been read.
 */
public class LoopbackUnlessProtected implements EnvironmentPostProcessor {

	static final String SOURCE = "storefront-console-loopback";

	static final String ADDRESS = "server.address";

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty(ADDRESS))
				|| StringUtils.hasText(environment.getProperty("storefront.console.access-token"))) {
			return;
		}
		// First, not last: SERVER_ADDRESS set but empty (a template's blank) has no text
		// here, yet would still win below, and Spring Boot binds an empty address to
		// every interface.
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(ADDRESS, LOOPBACK)));
	}

	/** Whether the console listens on loopback because nothing said otherwise. */
	static boolean chose(ConfigurableEnvironment environment) {
		return environment.getPropertySources().contains(SOURCE);
	}

}
