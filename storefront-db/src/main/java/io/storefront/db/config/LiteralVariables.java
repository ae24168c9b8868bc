package io.storefront.db.config;

import java.util.function.Function;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The contract's variables as the literal text they were given, as a container passes
 * them. Through {@link Environment#getProperty(String)} a password such as
 * {@code Pa${x}ss} would be taken for a Spring placeholder: resolved to something else,
 * or refused with an exception that quotes it.
 */
public final class LiteralVariables {

	private LiteralVariables() {
	}

	/**
	 * Looks a variable up in the environment's property sources, in order, without
	 * resolving placeholders.
	 */
	public static Function<String, String> of(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return environment::getProperty;
		}
		return (name) -> {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
					continue;
				}
				Object value = source.getProperty(name);
				if (value != null) {
					return value.toString();
				}
			}
			return null;
		};
	}

}
