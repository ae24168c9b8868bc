package io.storefront.db.testing;

import org.springframework.boot.context.properties.bind.Binder;

import io.storefront.db.config.DatabaseTuning;

/**
 * The {@code storefront.db.*} defaults, bound from an empty source as a service binds its
 * own settings.
 */
public final class DefaultTuning {

	private DefaultTuning() {
	}

	public static DatabaseTuning get() {
		return new Binder().bindOrCreate("storefront.db", DatabaseTuning.class);
	}

}
