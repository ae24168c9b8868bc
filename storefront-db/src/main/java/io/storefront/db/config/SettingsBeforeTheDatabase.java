package io.storefront.db.config;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Binds and validates every Storefront settings record ({@code storefront.*}, the
 * service's own included) before the database is tried. Spring would bind each when a
 * bean first needs it, which for most is after the start-up gate has waited and Flyway
 * has migrated: a typo in a rollout would change the schema, then stop.
 */
public final class SettingsBeforeTheDatabase {

	private static final String STOREFRONT_PACKAGES = "io.storefront.";

	private SettingsBeforeTheDatabase() {
	}

	/**
	 * @throws org.springframework.beans.BeansException wrapping the binder's refusal of
	 * the first bad settings record
	 */
	public static void bind(ListableBeanFactory beans) {
		for (String name : beans.getBeanNamesForAnnotation(ConfigurationProperties.class)) {
			Class<?> type = beans.getType(name, false);
			if (type != null && type.getName().startsWith(STOREFRONT_PACKAGES)) {
				beans.getBean(name);
			}
		}
	}

}
