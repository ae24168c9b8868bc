package io.storefront.db.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.storefront.db.autoconfigure.StorefrontDatabaseAutoConfiguration;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.OperationReports;

/**
 * The meters behind the Prometheus rules of {@code deploy/prometheus} that no library
 * provides, and the naming fixes that keep {@code /metrics} clean under
 * {@code promtool check metrics}. Spring Boot binds every {@code MeterBinder} and
 * {@code MeterFilter} bean to its registries.
 */
@AutoConfiguration(after = StorefrontDatabaseAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class StorefrontMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean({ ConnectivityProbe.class, OperationReports.class })
	@ConditionalOnMissingBean
	DatabaseMetrics storefrontDatabaseMetrics(ConnectivityProbe probe, OperationReports reports) {
		return new DatabaseMetrics(probe, reports);
	}

	@Bean
	@ConditionalOnMissingBean
	PrometheusNaming storefrontPrometheusNaming() {
		return new PrometheusNaming();
	}

	@Bean
	@ConditionalOnMissingBean
	CpuTimeMetrics storefrontCpuTimeMetrics() {
		return new CpuTimeMetrics();
	}

}
