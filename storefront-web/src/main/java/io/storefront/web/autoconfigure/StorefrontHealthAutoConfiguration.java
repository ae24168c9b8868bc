package io.storefront.web.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import io.storefront.db.autoconfigure.StorefrontDatabaseAutoConfiguration;
import io.storefront.db.config.ServiceSettings;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.health.OperationReports;
import io.storefront.db.pool.StorefrontPool;
import io.storefront.db.shutdown.ShutdownDrain;
import io.storefront.problem.RequestFilterOrder;
import io.storefront.web.health.HealthController;
import io.storefront.web.health.HealthProbeFilter;
import io.storefront.web.tomcat.ProbePortFilter;
import io.storefront.web.tomcat.ProbePortFilterRegistration;

/**
 * The HTTP side of the database library's health (contract section 3): the light probes
 * answered by a filter ahead of everything else, and {@code /health/detailed} as a
 * controller. Both back off when the application defines its own.
 */
@AutoConfiguration(after = StorefrontDatabaseAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(StorefrontSettings.class)
public class StorefrontHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthController healthController(StorefrontSettings settings, OperationReports operations, StorefrontPool pool) {
		return new HealthController(settings, operations, pool.metadata());
	}

	/**
	 * Ahead of Spring Security's filters (order -100) and everything else but the probe
	 * port's filter: see {@link HealthProbeFilter}.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthProbeFilter")
	FilterRegistrationBean<HealthProbeFilter> healthProbeFilter(ObjectProvider<ConnectivityProbe> probe,
			ObjectProvider<MigrationStatus> migrations, ObjectProvider<ShutdownDrain> drain, ServiceSettings service) {
		FilterRegistrationBean<HealthProbeFilter> registration = new FilterRegistrationBean<>(
				new HealthProbeFilter(probe::getObject, migrations::getObject, service.version(), () -> {
					ShutdownDrain current = drain.getIfAvailable();
					return current != null && current.draining();
				}));
		registration.addUrlPatterns(HealthProbeFilter.PATHS);
		registration.setOrder(RequestFilterOrder.HEALTH_PROBES);
		return registration;
	}

	/**
	 * First of all, and only with {@code storefront.web.probe-port} set: see
	 * {@link ProbePortFilterRegistration}.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "probePortFilter")
	ProbePortFilterRegistration probePortFilter(ObjectProvider<StorefrontWebSettings> settings) {
		StorefrontWebSettings web = settings.getIfAvailable();
		Integer probePort = (web != null) ? web.probePort() : null;
		return new ProbePortFilterRegistration(
				(probePort != null) ? new ProbePortFilter(probePort, Set.of(HealthProbeFilter.PATHS)) : null);
	}

}
