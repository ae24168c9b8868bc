package io.storefront.auth.limit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.storefront.auth.session.SessionSettings;
import io.storefront.auth.user.PasswordHashingSettings;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultsAreValid() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			RateLimitSettings limits = context.getBean(RateLimitSettings.class);
			assertThat(limits.loginPerAddress()).isEqualTo(30);
			assertThat(limits.failedLoginsPerAccount()).isEqualTo(10);
			assertThat(context.getBean(SessionSettings.class).absoluteLifetime()).hasDays(30);
		});
	}

	@Test
	void aBadValueStopsTheStartNamingTheProperty() {
		for (String bad : new String[] { "storefront.auth.rate-limit.login-per-address=0",
				"storefront.auth.rate-limit.account-period=0s", "storefront.auth.session.absolute-lifetime=10s",
				"storefront.auth.password-hashing.max-concurrent=-1",
				"storefront.auth.password-hashing.max-wait=-1s" }) {
			String property = bad.substring(0, bad.indexOf('='));
			String prefix = property.substring(0, property.lastIndexOf('.'));
			String field = property.substring(property.lastIndexOf('.') + 1);
			this.runner.withPropertyValues(bad)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.message()
					.as(bad)
					.contains(prefix)
					.containsAnyOf(field, camelCase(field)));
		}
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		for (String part : kebab.split("-")) {
			camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return camel.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RateLimitSettings.class, SessionSettings.class, PasswordHashingSettings.class })
	static class Settings {

	}

}
