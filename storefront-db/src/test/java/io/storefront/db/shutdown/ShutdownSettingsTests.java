package io.storefront.db.shutdown;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void aContextStartedByHandDoesNotDrain() {
		this.runner.run((context) -> assertThat(context.getBean(ShutdownSettings.class).drainPeriod()).isZero());
	}

	@Test
	void theDrainPeriodIsReadFromTheSetting() {
		this.runner.withPropertyValues("storefront.shutdown.drain-period=1500ms")
			.run((context) -> assertThat(context.getBean(ShutdownSettings.class).drainPeriod())
				.isEqualTo(Duration.ofMillis(1500)));
	}

	@Test
	void aBareNumberIsSecondsAsInTheContractsVariables() {
		this.runner.withPropertyValues("storefront.shutdown.drain-period=5")
			.run((context) -> assertThat(context.getBean(ShutdownSettings.class).drainPeriod())
				.isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void aNegativeOrHugeDrainPeriodStopsTheStartNamingTheSetting() {
		for (String bad : new String[] { "-1s", "6m", "301" }) {
			this.runner.withPropertyValues("storefront.shutdown.drain-period=" + bad)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.message()
					.as(bad)
					.contains("storefront.shutdown")
					.contains("drainPeriod"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ShutdownSettings.class)
	static class Settings {

	}

}
