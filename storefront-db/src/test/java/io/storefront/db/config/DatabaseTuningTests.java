package io.storefront.db.config;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import io.storefront.db.startup.StartupFailureReporter;
import io.storefront.db.testing.DefaultTuning;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseTuningTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void anEmptySourceBindsTheDefaults() {
		assertThat(DefaultTuning.get())
			.isEqualTo(new DatabaseTuning(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5),
					Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(1)));
		this.runner.run((context) -> assertThat(context.getBean(DatabaseTuning.class)).isEqualTo(DefaultTuning.get()));
	}

	@Test
	void anOutOfRangeValueIsReportedInOneLineNamingTheProperty(CapturedOutput output) {
		assertThat(startupFailureLine(output, "storefront.db.monitor-interval=0s")).contains(
				"service cannot start: invalid configuration: storefront.db.monitor-interval must be longer than or equal to 1 milli");
	}

	/** HikariCP would replace it with 10 minutes, the opposite of what was asked. */
	@Test
	void anOverflowIdleTimeoutHikariCpWouldReplaceIsRefused(CapturedOutput output) {
		assertThat(startupFailureLine(output, "storefront.db.overflow-idle-timeout=5s"))
			.contains("invalid configuration: storefront.db.overflow-idle-timeout must be longer than or equal to "
					+ "10 seconds");
	}

	@Test
	void anUnreadableValueIsReportedInOneLineNamingThePropertyNotTheValue(CapturedOutput output) {
		assertThat(startupFailureLine(output, "storefront.db.health-timeout=s3cret-soon"))
			.contains("invalid configuration: storefront.db.health-timeout cannot be read as Duration");
		assertThat(output.getOut()).doesNotContain("s3cret-soon");
	}

	/** The one line a start with this setting fails with, as the service reports it. */
	private String startupFailureLine(CapturedOutput output, String setting) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("cannot start")).toList();
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DatabaseTuning.class)
	static class Settings {

	}

}
