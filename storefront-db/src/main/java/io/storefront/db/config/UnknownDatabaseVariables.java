package io.storefront.db.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code DATABASE_*} variables the environment (or {@code .env}) holds that no
 * service reads. The prefix is the contract's, so one of these is most likely a
 * misspelling ({@code DATABASE_POOLSIZE}), which would otherwise leave its setting at the
 * default without a word. Their values are never shown.
 */
public final class UnknownDatabaseVariables {

	private static final String PREFIX = "DATABASE_";

	private static final Set<String> KNOWN = Set.of(StorefrontSettings.DATABASE_URL, StorefrontSettings.DATABASE_HOST,
			StorefrontSettings.DATABASE_PORT, StorefrontSettings.DATABASE_NAME, StorefrontSettings.DATABASE_USER,
			StorefrontSettings.DATABASE_PASSWORD, StorefrontSettings.DATABASE_POOL_SIZE,
			StorefrontSettings.DATABASE_MAX_OVERFLOW, StorefrontSettings.DATABASE_POOL_TIMEOUT,
			StorefrontSettings.DATABASE_POOL_RECYCLE, StorefrontSettings.DATABASE_STARTUP_TIMEOUT,
			StorefrontSettings.DATABASE_POOLER, StorefrontSettings.DATABASE_MIGRATION_URL);

	private UnknownDatabaseVariables() {
	}

	/** One warning per unknown variable, in name order. */
	public static List<String> warnings(ConfigurableEnvironment environment) {
		Set<String> unknown = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> names
					&& !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				for (String name : names.getPropertyNames()) {
					if (name.startsWith(PREFIX) && !KNOWN.contains(name)) {
						unknown.add(name);
					}
				}
			}
		}
		return unknown.stream()
			.map((name) -> name
					+ " is set, but no Storefront service reads it (misspelt?): the DATABASE_ variables are "
					+ String.join(", ", new TreeSet<>(KNOWN)))
			.toList();
	}

}
