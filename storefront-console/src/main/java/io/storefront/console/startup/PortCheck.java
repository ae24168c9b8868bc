package io.storefront.console.startup;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.storefront.console.settings.InvalidConsoleSettingException;

/**
 * Refuses a port the console cannot listen on before anything starts. Left to Spring
 * Boot, a port past 65535 fails in Tomcat with a stack trace, and {@code -1} starts a
 * console that listens nowhere.
 */
public class PortCheck implements EnvironmentPostProcessor, Ordered {

	static final String SETTING = "server.port";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String value = environment.getProperty(SETTING);
		if (value != null && !isPort(value.strip())) {
			throw new InvalidConsoleSettingException(SETTING, InvalidConsoleSettingException.variableOf(SETTING),
					"must be a port number from 0 to 65535 (got \"" + value + "\")");
		}
	}

	private static boolean isPort(String value) {
		// ASCII digits only: parseInt, and Spring Boot after it, read '８０９０' as 8090
		if (!value.matches("[+-]?[0-9]+")) {
			return false;
		}
		try {
			int port = Integer.parseInt(value);
			return port >= 0 && port <= 65535;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
