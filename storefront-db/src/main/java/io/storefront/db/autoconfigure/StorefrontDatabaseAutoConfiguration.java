package io.storefront.db.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionOperations;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.LiteralVariables;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.ServiceSettings;
import io.storefront.db.config.SettingsBeforeTheDatabase;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.config.UnknownDatabaseVariables;
import io.storefront.db.health.BackgroundProbing;
import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.health.OperationReports;
import io.storefront.db.pool.ConnectionLimitCheck;
import io.storefront.db.pool.ConnectionProperties;
import io.storefront.db.pool.DatabaseAvailability;
import io.storefront.db.pool.DatabaseStartupGate;
import io.storefront.db.pool.GuardedDataSource;
import io.storefront.db.pool.PoolFactory;
import io.storefront.db.pool.StorefrontPool;
import io.storefront.db.retry.ReadRetry;
import io.storefront.db.retry.RetryingTransactionTemplate;
import io.storefront.db.shutdown.ShutdownDrain;
import io.storefront.db.shutdown.ShutdownSettings;
import io.storefront.db.startup.MigrationLockTimeoutException;
import io.storefront.db.startup.TrainingRun;
import io.storefront.db.transaction.StorefrontTransactionManager;

/**
 * Everything a Storefront service needs to own its database: settings from the contract's
 * variables, a start-up gate, the HikariCP pool behind a fail-fast guard, the health
 * probes and their background run (their HTTP side is storefront-web's),
 * {@link ReadRetry} for reads that may run again when their connection is lost, a
 * transaction manager that says when a commit's outcome is unknown, and a
 * {@link RetryingTransactionTemplate} that runs a transaction again when its connection
 * was lost before the commit. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(before = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class, FlywayAutoConfiguration.class })
@EnableConfigurationProperties({ ServiceSettings.class, DatabaseTuning.class, ShutdownSettings.class })
public class StorefrontDatabaseAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StorefrontDatabaseAutoConfiguration.class);

	/**
	 * Bound onto the pool's configuration after the contract's variables, as Spring
	 * Boot's own pool would be.
	 */
	static final String HIKARI_PROPERTIES = "spring.datasource.hikari";

	@Bean
	@ConditionalOnMissingBean
	ServiceIdentity storefrontServiceIdentity(ServiceSettings settings) {
		return settings.identity();
	}

	@Bean
	@ConditionalOnMissingBean
	StorefrontSettings storefrontSettings(ServiceIdentity service, Environment environment) {
		StorefrontSettings settings = StorefrontSettings.read(service, LiteralVariables.of(environment));
		settings.warnings().forEach((warning) -> logger.warn("{} - {}", service.name(), warning));
		if (environment instanceof ConfigurableEnvironment configurable) {
			UnknownDatabaseVariables.warnings(configurable)
				.forEach((warning) -> logger.warn("{} - {}", service.name(), warning));
		}
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean
	StorefrontPool storefrontPool(StorefrontSettings settings, DatabaseTuning tuning, Environment environment,
			ListableBeanFactory beans) {
		SettingsBeforeTheDatabase.bind(beans);
		PoolFactory.leakDetection(settings.database().pool(), tuning);
		long started = System.nanoTime();
		new DatabaseStartupGate(settings.service(), settings.database(), tuning).awaitDatabase(started);
		if (settings.migration() != settings.database()) {
			new DatabaseStartupGate(settings.service(), settings.migration(), tuning).awaitDatabase(started);
		}
		HikariDataSource pool = PoolFactory.open(settings.service(), settings.database(), tuning,
				(config) -> Binder.get(environment).bind(HIKARI_PROPERTIES, Bindable.ofInstance(config)));
		ConnectionLimitCheck.warnIfTooLarge(settings.service(), settings.database(), tuning, pool.getMaximumPoolSize());
		return new StorefrontPool(settings.service(), pool);
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectivityProbe connectivityProbe(StorefrontSettings settings, DatabaseTuning tuning) {
		return new ConnectivityProbe(settings.service(), settings.database(), tuning, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OperationReports operationReports(StorefrontSettings settings, DatabaseTuning tuning) {
		return new OperationReports(settings.service(), settings.database(), tuning, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	BackgroundProbing backgroundProbing(StorefrontSettings settings, DatabaseTuning tuning, ConnectivityProbe probe,
			StorefrontPool pool) {
		return new BackgroundProbing(settings.service(), tuning, probe, pool, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	DataSource dataSource(StorefrontPool pool, DatabaseAvailability availability) {
		return new GuardedDataSource(pool, availability);
	}

	/**
	 * In place of Spring Boot's {@code JdbcTransactionManager}: the same, plus a lost
	 * commit said to be one.
	 */
	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	StorefrontTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		StorefrontTransactionManager transactionManager = new StorefrontTransactionManager(dataSource);
		customizers.ifAvailable((all) -> all.customize(transactionManager));
		return transactionManager;
	}

	/**
	 * In place of Spring Boot's {@code TransactionTemplate}: the same, run once more when
	 * its connection was lost before the commit.
	 */
	@Bean
	@ConditionalOnMissingBean(TransactionOperations.class)
	RetryingTransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager,
			ServiceIdentity service, ObjectProvider<MeterRegistry> registry) {
		return new RetryingTransactionTemplate(transactionManager, service, registry.getIfAvailable());
	}

	/**
	 * Statements through Spring Boot's {@code JdbcTemplate}, and so its
	 * {@code JdbcClient}, are cancelled on the server a second before the driver's socket
	 * timeout would drop their connection: otherwise the server keeps running, or keeps
	 * waiting for a lock, on behalf of a connection the pool has already replaced, beyond
	 * the pool's size. A query timeout set with
	 * {@code spring.jdbc.template.query-timeout} wins.
	 */
	@Bean
	static BeanPostProcessor storefrontQueryTimeout(ObjectProvider<StorefrontSettings> settings,
			ObjectProvider<DatabaseTuning> tuning) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcTemplate template && template.getQueryTimeout() < 0) {
					long socketTimeout = ConnectionProperties
						.poolSocketTimeout(settings.getObject().database(), tuning.getObject())
						.toSeconds();
					template.setQueryTimeout((int) Math.max(1, socketTimeout - 1));
				}
				return bean;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	ReadRetry readRetry(ServiceIdentity service, ObjectProvider<MeterRegistry> registry) {
		return new ReadRetry(service, registry.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationStatus migrationStatus(ObjectProvider<Flyway> flyway) {
		return new MigrationStatus(flyway.getIfAvailable() == null);
	}

	/**
	 * Stops first on SIGTERM: readiness 503 for the drain period before the web server's
	 * graceful shutdown.
	 */
	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnMissingBean
	ShutdownDrain storefrontShutdownDrain(ShutdownSettings settings, ApplicationEventPublisher events) {
		return new ShutdownDrain(settings, events);
	}

	/**
	 * Always defined, and asked at run time whether this is a training run: a condition
	 * on the property would be settled once and for all when the build's Spring AOT
	 * processing fixes the bean definitions.
	 */
	@Bean
	@ConditionalOnWebApplication
	TrainingRun storefrontTrainingRun(StorefrontSettings settings, Environment environment) {
		return new TrainingRun(environment.getProperty(TrainingRun.PROPERTY, Boolean.class, false),
				settings.healthDetailsToken());
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnMissingBean(name = "storefrontPortCustomizer")
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> storefrontPortCustomizer(StorefrontSettings settings,
			Environment environment) {
		return new PortCustomizer(settings, environment.containsProperty("server.port"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	static class FlywayMigrationTracking {

		@Bean
		@ConditionalOnMissingBean
		FlywayMigrationStrategy storefrontMigrationStrategy(MigrationStatus status, StorefrontSettings settings) {
			return (flyway) -> {
				try {
					flyway.migrate();
				}
				catch (RuntimeException ex) {
					if (MigrationLockTimeoutException.isFlywayGivingUp(ex)) {
						throw new MigrationLockTimeoutException(settings.migration(), ex);
					}
					throw ex;
				}
				status.markApplied();
			};
		}

		/**
		 * An instance started beside one that is migrating waits for it as long as it
		 * waits for its database ({@code DATABASE_STARTUP_TIMEOUT}), instead of Flyway's
		 * own 50 tries.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "storefrontMigrationLockWait")
		FlywayConfigurationCustomizer storefrontMigrationLockWait(StorefrontSettings settings) {
			return (configuration) -> configuration
				.lockRetryCount(MigrationLockTimeoutException.lockRetries(settings.migration().startupTimeout()));
		}

		/**
		 * Flyway migrates on a connection of its own, never the pool's: its statements
		 * may rightly outlast the pool's socket timeout (an index built on a large
		 * table), and it holds a session-level advisory lock, which a pooler in
		 * transaction mode would take on one server session and release on another. With
		 * {@code DATABASE_MIGRATION_URL} it connects there, directly.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "storefrontMigrationConnection")
		FlywayConfigurationCustomizer storefrontMigrationConnection(StorefrontSettings settings,
				DatabaseTuning tuning) {
			return (configuration) -> {
				DatabaseSettings migration = settings.migration();
				configuration.dataSource(new SimpleDriverDataSource(new Driver(), migration.jdbcUrl(),
						ConnectionProperties.forMigration(migration, tuning, settings.service().name())));
			};
		}

	}

	/**
	 * {@code PORT} wins; else an explicit {@code server.port}; else the service's port
	 * from contract section 1.
	 */
	record PortCustomizer(StorefrontSettings settings,
			boolean serverPortSet) implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableWebServerFactory factory) {
			if (this.settings.httpPort().isPresent()) {
				factory.setPort(this.settings.httpPort().getAsInt());
			}
			else if (!this.serverPortSet) {
				factory.setPort(this.settings.service().defaultPort());
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
