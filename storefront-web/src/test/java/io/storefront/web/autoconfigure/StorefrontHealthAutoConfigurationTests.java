package io.storefront.web.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.storefront.db.autoconfigure.StorefrontDatabaseAutoConfiguration;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.health.OperationReports;
import io.storefront.db.pool.StorefrontPool;
import io.storefront.db.testing.TestPostgres;
import io.storefront.web.health.HealthController;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontHealthAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StorefrontDatabaseAutoConfiguration.class,
				StorefrontHealthAutoConfiguration.class))
		.withPropertyValues("storefront.service.name=auth-service",
				"DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH), "DATABASE_POOL_SIZE=1");

	@Test
	void theHealthEndpointsComeWithTheDatabaseLibrary() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(HealthController.class).hasBean("healthProbeFilter");
			assertThat(context.getBean("healthProbeFilter")).isInstanceOf(FilterRegistrationBean.class);
		});
	}

	@Test
	void theControllerBacksOffWhenTheApplicationDefinesItsOwn() {
		this.runner.withUserConfiguration(OwnHealthController.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(HealthController.class)).containsExactly("ownHealthController");
		});
	}

	@Test
	void withoutTheDatabaseLibraryThereIsNoHealthToServe() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(StorefrontHealthAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HealthController.class)
				.doesNotHaveBean("healthProbeFilter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHealthController {

		@Bean
		HealthController ownHealthController(StorefrontSettings settings, OperationReports operations,
				StorefrontPool pool) {
			return new HealthController(settings, operations, pool.metadata());
		}

	}

}
