package io.storefront.db.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.mock.env.MockEnvironment;

import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.config.UnknownDatabaseVariables;
import io.storefront.db.health.BackgroundProbing;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.health.OperationReports;
import io.storefront.db.pool.DatabaseStartupException;
import io.storefront.db.pool.GuardedDataSource;
import io.storefront.db.pool.PoolFactory;
import io.storefront.db.pool.StorefrontPool;
import io.storefront.db.startup.StartupFailureReporter;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StorefrontDatabaseAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StorefrontDatabaseAutoConfiguration.class))
		.withPropertyValues("storefront.service.name=auth-service",
				"DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH), "DATABASE_POOL_SIZE=1");

	@Test
	void everyBeanIsThereWhenTheApplicationDefinesNone() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ServiceIdentity.class)
				.hasSingleBean(StorefrontSettings.class)
				.hasSingleBean(StorefrontPool.class)
				.hasSingleBean(ConnectivityProbe.class)
				.hasSingleBean(OperationReports.class)
				.hasSingleBean(BackgroundProbing.class)
				.hasSingleBean(MigrationStatus.class)
				.hasSingleBean(FlywayMigrationStrategy.class)
				.hasBean("storefrontPortCustomizer");
			assertThat(context).getBean(DataSource.class).isInstanceOf(GuardedDataSource.class);
			assertThat(context.getBean(StorefrontSettings.class).service()).isEqualTo(KnownServices.AUTH);
		});
	}

	static Iterable<Arguments> applicationBeans() {
		return java.util.List.of(Arguments.of(ServiceIdentity.class, OwnServiceIdentity.class, "ownServiceIdentity"),
				Arguments.of(StorefrontSettings.class, OwnSettings.class, "ownStorefrontSettings"),
				Arguments.of(StorefrontPool.class, OwnPool.class, "ownStorefrontPool"),
				Arguments.of(ConnectivityProbe.class, OwnConnectivityProbe.class, "ownConnectivityProbe"),
				Arguments.of(OperationReports.class, OwnOperationReports.class, "ownOperationReports"),
				Arguments.of(BackgroundProbing.class, OwnBackgroundProbing.class, "ownBackgroundProbing"),
				Arguments.of(DataSource.class, OwnDataSource.class, "ownDataSource"),
				Arguments.of(MigrationStatus.class, OwnMigrationStatus.class, "ownMigrationStatus"),
				Arguments.of(FlywayMigrationStrategy.class, OwnMigrationStrategy.class, "ownFlywayMigrationStrategy"),
				// The port customizer backs off by name: there are many customizers of
				// that type.
				Arguments.of(WebServerFactoryCustomizer.class, OwnPortCustomizer.class, "storefrontPortCustomizer"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applicationBeans")
	void eachBeanBacksOffWhenTheApplicationDefinesItsOwn(Class<?> type, Class<?> configuration, String ownName) {
		this.runner.withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(type)).as("only the application's %s", type.getSimpleName())
				.containsExactly(ownName);
			assertThat(context.getBean(ownName).getClass().getName()).as("defined by the application")
				.doesNotContain("StorefrontDatabaseAutoConfiguration$");
		});
	}

	/**
	 * {@code PORT} wins over {@code server.port}, which wins over the service's port from
	 * contract section 1 (docs/configuration.md). The web server's factory is customized
	 * as in a running service: {@code server.port} by Spring Boot's own customizer,
	 * before the library's.
	 */
	@ParameterizedTest(name = "PORT={0}, server.port={1}: {2}")
	@CsvSource({ "8123, 8456, 8123", ", 8456, 8456", "8123, , 8123", ", , 8001" })
	void portWinsOverServerPortWhichWinsOverTheServicesOwnPort(String port, String serverPort, int expected) {
		WebApplicationContextRunner runner = this.runner
			.withConfiguration(AutoConfigurations.of(TomcatServletWebServerAutoConfiguration.class));
		if (port != null) {
			runner = runner.withPropertyValues("PORT=" + port);
		}
		if (serverPort != null) {
			runner = runner.withPropertyValues("server.port=" + serverPort);
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TomcatServletWebServerFactory.class).getPort()).isEqualTo(expected);
		});
	}

	@Test
	void springDatasourceHikariSettingsApplyToThePoolAndWinOverTheContractsMapping() {
		this.runner
			.withPropertyValues("DATABASE_POOL_TIMEOUT=30", "spring.datasource.hikari.connection-timeout=4000",
					"spring.datasource.hikari.connection-init-sql=SET statement_timeout = 4321")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(StorefrontPool.class).dataSource().getConnectionTimeout()).isEqualTo(4000);
				try (Connection connection = context.getBean(DataSource.class).getConnection();
						Statement statement = connection.createStatement();
						ResultSet row = statement.executeQuery("SHOW statement_timeout")) {
					row.next();
					assertThat(row.getString(1)).isEqualTo("4321ms");
				}
			});
	}

	/**
	 * A user's minimum-idle and maximum-pool-size take the place of the pool size and its
	 * maximum everywhere: in the connections the pool keeps open (the idle reserve used
	 * to put DATABASE_POOL_SIZE back at every borrow) and in the numbers it reports.
	 */
	@Test
	void springDatasourceHikariPoolSizesTakeThePlaceOfTheContractsEverywhere() {
		this.runner
			.withPropertyValues("DATABASE_MAX_OVERFLOW=2", "spring.datasource.hikari.minimum-idle=2",
					"spring.datasource.hikari.maximum-pool-size=6")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StorefrontPool pool = context.getBean(StorefrontPool.class);
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(pool.dataSource().getMinimumIdle()).as("two kept open, one of them in use").isEqualTo(1);
				}
				assertThat(pool.dataSource().getMinimumIdle()).isEqualTo(2);
				assertThat(pool.metadata().snapshot()).satisfies((snapshot) -> {
					assertThat(snapshot.poolSize()).isEqualTo(2);
					assertThat(snapshot.maxOverflow()).isEqualTo(4);
					assertThat(snapshot.maximumPoolSize()).isEqualTo(6);
				});
			});
	}

	@Test
	void withoutSpringDatasourceHikariSettingsTheContractsMappingStands() {
		this.runner.withPropertyValues("DATABASE_POOL_TIMEOUT=7")
			.run((context) -> assertThat(context.getBean(StorefrontPool.class).dataSource().getConnectionTimeout())
				.isEqualTo(7000));
	}

	/**
	 * A misspelt contract variable would leave its setting at the default without a word:
	 * the service names it, and never its value.
	 */
	@Test
	void aDatabaseVariableNoServiceReadsIsWarnedAbout(CapturedOutput output) {
		this.runner.withPropertyValues("DATABASE_POOLSIZE=s3cret-looking-5", "DATABASE_POOL_SIZE=1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(StorefrontSettings.class).database().pool().size()).isOne();
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("DATABASE_POOLSIZE"))).singleElement()
			.asString()
			.contains("auth-service - DATABASE_POOLSIZE is set, but no Storefront service reads it (misspelt?)")
			.contains("DATABASE_POOL_SIZE")
			.doesNotContain("s3cret-looking-5");
		assertThat(output.getOut()).as("known variables are not named").doesNotContain("DATABASE_URL is set");
	}

	/**
	 * Every variable of the contract (docs/configuration.md) is read by the services, so
	 * none is warned about as misspelt.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "DATABASE_URL", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER",
			"DATABASE_PASSWORD", "DATABASE_POOL_SIZE", "DATABASE_MAX_OVERFLOW", "DATABASE_POOL_TIMEOUT",
			"DATABASE_POOL_RECYCLE", "DATABASE_STARTUP_TIMEOUT", "DATABASE_POOLER", "DATABASE_MIGRATION_URL" })
	void noContractDatabaseVariableIsWarnedAbout(String variable) {
		MockEnvironment environment = new MockEnvironment().withProperty(variable, "set");

		assertThat(UnknownDatabaseVariables.warnings(environment)).isEmpty();
		assertThat(UnknownDatabaseVariables.warnings(environment.withProperty(variable + "S", "set")))
			.as("a misspelling of it is")
			.singleElement()
			.asString()
			.startsWith(variable + "S is set, but no Storefront service reads it");
	}

	@Test
	void aBadSpringDatasourceHikariValueIsReportedInOneLineNamingTheProperty(CapturedOutput output) {
		this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=many").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("cannot start"))).singleElement()
			.asString()
			.contains("invalid configuration: spring.datasource.hikari.maximum-pool-size cannot be read as int");
	}

	@Test
	void theApplicationsServiceIdentityIsTheOneTheSettingsUse() {
		this.runner.withUserConfiguration(OwnServiceIdentity.class)
			.run((context) -> assertThat(context.getBean(StorefrontSettings.class).service().defaultPort())
				.isEqualTo(9001));
	}

	@Test
	void anUnknownServiceNameFailsWithAClearInvalidSetting() {
		this.runner.withPropertyValues("storefront.service.name=billing-service").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("storefront.service.name")
				.hasMessageContaining("billing-service")
				.hasMessageContaining("auth-service");
			assertThat(((InvalidSettingException) rootCause(context.getStartupFailure())).variable())
				.isEqualTo("storefront.service.name");
		});
	}

	@Test
	void aMissingServiceNameFailsWithAClearInvalidSetting() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(StorefrontDatabaseAutoConfiguration.class))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("storefront.service.name is not set"));
	}

	@Test
	void aComponentVariableDisagreeingWithTheUrlIsLoggedAsAWarningNamingIt(CapturedOutput output) {
		this.runner.withPropertyValues("DATABASE_HOST=elsewhere.example").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output.getOut()).containsOnlyOnce("DATABASE_HOST=elsewhere.example disagrees with DATABASE_URL");
		});
	}

	/**
	 * Contract variables are literal text, as a container passes them: a password with
	 * {@code ${...}} in it is not a Spring placeholder, whose resolution error would
	 * quote the whole value.
	 */
	@Test
	void aPasswordThatLooksLikeAPlaceholderIsTakenLiterallyAndNeverShown() {
		String url = "postgresql://auth_svc@localhost:" + TestPostgres.shared().port() + "/auth_db";
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(StorefrontDatabaseAutoConfiguration.class))
			.withPropertyValues("storefront.service.name=auth-service", "DATABASE_URL=" + url,
					"DATABASE_PASSWORD=Pa${no.such.property}ss", "DATABASE_STARTUP_TIMEOUT=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure())).isInstanceOf(DatabaseStartupException.class)
					.hasMessageContaining("password authentication failed for user auth_svc");
				for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
					assertThat(cause.getMessage()).doesNotContain("Pa${").doesNotContain("no.such.property");
				}
			});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnServiceIdentity {

		@Bean
		ServiceIdentity ownServiceIdentity() {
			return new ServiceIdentity("auth-service", 9001, "auth_db", "auth_svc");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSettings {

		@Bean
		StorefrontSettings ownStorefrontSettings() {
			return StorefrontSettings.read(KnownServices.AUTH, Map.of("DATABASE_URL",
					TestPostgres.shared().databaseUrl(KnownServices.AUTH), "DATABASE_POOL_SIZE", "1")::get);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPool {

		@Bean
		StorefrontPool ownStorefrontPool(StorefrontSettings settings, DatabaseTuning tuning) {
			return new StorefrontPool(settings.service(),
					PoolFactory.open(settings.service(), settings.database(), tuning));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConnectivityProbe {

		@Bean
		ConnectivityProbe ownConnectivityProbe(StorefrontSettings settings, DatabaseTuning tuning) {
			return new ConnectivityProbe(settings.service(), settings.database(), tuning, java.time.Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOperationReports {

		@Bean
		OperationReports ownOperationReports(StorefrontSettings settings, DatabaseTuning tuning) {
			return new OperationReports(settings.service(), settings.database(), tuning, java.time.Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBackgroundProbing {

		@Bean
		BackgroundProbing ownBackgroundProbing(StorefrontSettings settings, DatabaseTuning tuning,
				ConnectivityProbe probe, StorefrontPool pool) {
			return new BackgroundProbing(settings.service(), tuning, probe, pool, java.time.Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDataSource {

		@Bean
		DataSource ownDataSource() {
			return new SimpleDriverDataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMigrationStatus {

		@Bean
		MigrationStatus ownMigrationStatus() {
			return new MigrationStatus(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMigrationStrategy {

		@Bean
		FlywayMigrationStrategy ownFlywayMigrationStrategy() {
			return (flyway) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPortCustomizer {

		@Bean
		WebServerFactoryCustomizer<ConfigurableWebServerFactory> storefrontPortCustomizer() {
			return (factory) -> factory.setPort(9999);
		}

	}

}
