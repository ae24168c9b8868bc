package io.storefront.web.autoconfigure;

import java.io.IOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code storefront-web-defaults.properties} below everything a service or operator
 * sets.
 */
public class StorefrontWebEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("storefrontWebDefaults",
						"classpath:storefront-web-defaults.properties"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("storefront-web-defaults.properties is missing from the classpath", ex);
		}
	}

}
