package io.storefront.auth.admin;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.storefront.auth.user.PasswordHasher;
import io.storefront.auth.user.UserRepository;

@Configuration(proxyBeanMethods = false)
class AdminAccountConfiguration {

	/**
	 * Checks {@code AUTH_ADMIN_EMAIL} / {@code AUTH_ADMIN_PASSWORD} before any bean is
	 * created, so a bad value is reported at once rather than after waiting for the
	 * database.
	 */
	@Bean
	static BeanFactoryPostProcessor adminAccountSettingsCheck(Environment environment) {
		return (beanFactory) -> AdminAccountSettings.read(environment::getProperty);
	}

	@Bean
	AdminAccount adminAccount(Environment environment, UserRepository users, PasswordHasher hasher) {
		return new AdminAccount(environment, users, hasher);
	}

}
