package io.storefront.db.metrics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StorefrontMetricsAutoConfiguration.class));

	@Test
	void theNamingFixesApplyEvenWithoutADatabase() {
		this.contexts.run((context) -> {
			assertThat(context).hasSingleBean(PrometheusNaming.class).hasSingleBean(CpuTimeMetrics.class);
			assertThat(context).doesNotHaveBean(DatabaseMetrics.class);
		});
	}

	@Test
	void anApplicationsOwnNamingReplacesOurs() {
		this.contexts.withUserConfiguration(OwnNaming.class).run((context) -> {
			assertThat(context).hasSingleBean(PrometheusNaming.class);
			assertThat(context).getBean(PrometheusNaming.class).isSameAs(context.getBean("ownNaming"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnNaming {

		@Bean
		PrometheusNaming ownNaming() {
			return new PrometheusNaming();
		}

	}

}
