package io.storefront.web.autoconfigure;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.swagger.v3.core.jackson.ModelResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.apache.catalina.core.StandardHost;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import io.storefront.db.pool.DatabaseAvailability;
import io.storefront.problem.RequestFilterOrder;
import io.storefront.web.cors.CrossOriginPreflightRefusal;
import io.storefront.web.health.HealthProbeFilter;
import io.storefront.web.json.StrictJsonInput;
import io.storefront.web.json.Utf8JsonBody;
import io.storefront.web.limit.LargeBodyTurns;
import io.storefront.web.limit.RequestBodyDeadlineFilter;
import io.storefront.web.limit.RequestBodyLimitFilter;
import io.storefront.web.openapi.OpenApiDefaults;
import io.storefront.web.openapi.SwaggerConfigWithoutRedirectUrl;
import io.storefront.web.problem.DatabaseFailureCountFlush;
import io.storefront.web.problem.ProblemDetailsAdvice;
import io.storefront.web.query.SingleValuedParameters;
import io.storefront.web.query.StrictParameterBinding;
import io.storefront.web.security.JwksJwtDecoders;
import io.storefront.web.security.JwtRoles;
import io.storefront.web.security.ProblemRequestRejectedHandler;
import io.storefront.web.security.ProtectedResourceIdentifier;
import io.storefront.web.security.StorefrontSecurity;
import io.storefront.web.text.SizeInCharacters;
import io.storefront.web.tomcat.BoundedRequestExecutor;
import io.storefront.web.tomcat.ProbeConnector;
import io.storefront.web.tomcat.TraceRefusalAllow;

/**
 * The HTTP edge every Storefront service shares: problem+json errors of its controllers
 * (storefront-problem answers those outside them), the request body limit, single-valued
 * query parameters, UTF-8 answers whatever charset {@code Accept} names, and JWT
 * resource-server defaults. Every bean backs off when the application defines its own
 * (auth-service, for one, verifies tokens with its own keys). It comes before Spring
 * MVC's, whose own problem details handler backs off only when
 * {@link ProblemDetailsAdvice} is already there.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(StorefrontWebSettings.class)
public class StorefrontWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<DatabaseAvailability> databaseAvailability,
			ObjectProvider<Validator> validator) {
		return new ProblemDetailsAdvice(databaseAvailability, validator);
	}

	/**
	 * Its thread is named after the context, so that each context's lines can be told
	 * apart where several share a JVM (the tests' cached contexts).
	 */
	@Bean
	DatabaseFailureCountFlush databaseFailureCountFlush(ProblemDetailsAdvice problemDetailsAdvice,
			ApplicationContext context) {
		return new DatabaseFailureCountFlush(problemDetailsAdvice, "database-failure-counts-" + context.getId());
	}

	/**
	 * Request parameters, path variables and headers bound as
	 * {@link StrictParameterBinding} reads them, on every binder Spring MVC makes.
	 */
	@Bean
	static BeanPostProcessor strictParameterBinding() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RequestMappingHandlerAdapter adapter) {
					adapter.setWebBindingInitializer(new StrictParameterBinding(adapter.getWebBindingInitializer()));
				}
				return bean;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	Utf8JsonBody utf8JsonBody(JsonMapper jsonMapper) {
		return new Utf8JsonBody(jsonMapper);
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return StrictJsonInput.customizer();
	}

	/** {@code @Size} on text counts characters: {@link SizeInCharacters}. */
	@Bean
	ValidationConfigurationCustomizer sizeInCharacters() {
		return (configuration) -> {
			if (configuration instanceof HibernateValidatorConfiguration hibernate) {
				ConstraintMapping mapping = hibernate.createConstraintMapping();
				mapping.constraintDefinition(Size.class)
					.includeExistingValidators(true)
					.validatedBy(SizeInCharacters.class);
				hibernate.addMapping(mapping);
			}
		};
	}

	@Bean
	WebMvcConfigurer storefrontWebMvc() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new CrossOriginPreflightRefusal());
				registry.addInterceptor(new SingleValuedParameters());
			}

			/**
			 * JSON only. Spring registers a YAML converter when jackson-dataformat-yaml
			 * is on the class path (springdoc brings it), with its own Jackson 2 mapper:
			 * it read {@code application/yaml} bodies past every rule of
			 * {@link StrictJsonInput} (duplicate keys, coercions, truncated numbers) and
			 * wrote camelCase YAML for {@code Accept: application/yaml}. The API takes
			 * and gives JSON only.
			 */
			@Override
			public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
				builder.configureMessageConvertersList(
						(converters) -> converters.removeIf((converter) -> converter.getSupportedMediaTypes()
							.stream()
							.anyMatch((type) -> type.getSubtype().contains("yaml"))));
			}

		};
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(StorefrontWebSettings settings) {
		return inOrder(new RequestBodyLimitFilter(settings.maxRequestBody().toBytes()), RequestFilterOrder.BODY_LIMIT);
	}

	/**
	 * After the size limit, so a declared length over it is refused at once; before
	 * Spring Security (order -100) and everything else that a request with a body should
	 * only meet once the body is complete. Also on the asynchronous dispatch it makes
	 * once the body has arrived.
	 */
	@Bean
	FilterRegistrationBean<RequestBodyDeadlineFilter> requestBodyDeadlineFilter(StorefrontWebSettings settings) {
		FilterRegistrationBean<RequestBodyDeadlineFilter> registration = inOrder(new RequestBodyDeadlineFilter(
				settings.requestBodyTimeout(), settings.maxRequestBody().toBytes(),
				settings.maxBufferedBodies().toBytes(), new LargeBodyTurns(settings.largeRequestBody().toBytes(),
						settings.maxConcurrentLargeBodies(), settings.largeBodyMaxWait())),
				RequestFilterOrder.BODY_DEADLINE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		return registration;
	}

	/**
	 * On the error dispatch Tomcat makes for its own refusals, ahead of the error page:
	 * see {@link TraceRefusalAllow}. The health probes' paths are answered by their
	 * filter, ahead of every route, when it is registered. Last of all filters: it only
	 * sets a header. Placed first, beside the probe port's registration (a plain
	 * initializer, not a filter registration), it had Spring Boot add the probe port's
	 * filter after all the others, so a body on the probe port was read, not refused.
	 */
	@Bean
	FilterRegistrationBean<TraceRefusalAllow> traceRefusalAllow(StorefrontWebSettings settings,
			ObjectProvider<HandlerMapping> mappings) {
		Map<String, String> probes = Stream.of(HealthProbeFilter.PATHS)
			.collect(Collectors.toMap(Function.identity(), (path) -> HealthProbeFilter.ALLOW));
		FilterRegistrationBean<TraceRefusalAllow> registration = inOrder(new TraceRefusalAllow(settings.probePort(),
				probes, "healthProbeFilter", () -> mappings.orderedStream().toList()), Ordered.LOWEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.ERROR);
		return registration;
	}

	/**
	 * Storefront's request filters, each at its place in {@link RequestFilterOrder},
	 * beside the {@code Accept} filter storefront-problem registers.
	 */
	private static <F extends Filter> FilterRegistrationBean<F> inOrder(F filter, int place) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(place);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StandardHost.class)
	static class Tomcat {

		/**
		 * After Spring Boot's own virtual-thread executor (order 1), which it replaces
		 * with the same kind bounded to {@code storefront.web.max-concurrent-requests}.
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> boundedRequestExecutor(
				StorefrontWebSettings settings) {
			BoundedRequestExecutor executor = new BoundedRequestExecutor(settings.maxConcurrentRequests());
			return new OrderedCustomizer(Ordered.LOWEST_PRECEDENCE,
					(factory) -> factory.addProtocolHandlerCustomizers((handler) -> handler.setExecutor(executor)));
		}

		/**
		 * A 413 answered before its body is read closes the connection at once. Tomcat
		 * would otherwise read up to 2 MiB of the body it refused, so that the client
		 * sees the answer, on the request's thread and turn, for as long as a client
		 * sends a byte now and then.
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> refusedBodiesUnread() {
			return (factory) -> factory.addContextCustomizers((context) -> context.setSwallowAbortedUploads(false));
		}

		/**
		 * With {@code storefront.web.probe-port}: the probes' own port, on the address
		 * the service's port has (so after Spring Boot's customizers have set it).
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> probeConnector(StorefrontWebSettings settings) {
			return new OrderedCustomizer(Ordered.LOWEST_PRECEDENCE, (factory) -> {
				if (settings.probePort() != null && factory instanceof TomcatWebServerFactory tomcat) {
					tomcat.addAdditionalConnectors(ProbeConnector.on(settings.probePort(), tomcat.getAddress()));
				}
			});
		}

	}

	record OrderedCustomizer(int order, WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> customizer)
			implements
				WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>,
				Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			this.customizer.customize(factory);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ModelResolver.class)
	static class OpenApi {

		@Bean
		@ConditionalOnMissingBean
		ModelResolver snakeCaseModelResolver() {
			return OpenApiDefaults.snakeCaseModelResolver();
		}

		/**
		 * A service that must change its description both before and after the shared
		 * responses defines its own bean of this name, calling
		 * {@link OpenApiDefaults#sharedResponses()} in between: springdoc runs the
		 * customizers in no order one could set.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "sharedResponses")
		OpenApiCustomizer sharedResponses() {
			return OpenApiDefaults.sharedResponses();
		}

		@Bean
		SwaggerConfigWithoutRedirectUrl swaggerConfigWithoutRedirectUrl() {
			return new SwaggerConfigWithoutRedirectUrl();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpSecurity.class)
	static class Security {

		private static final String JWKS_DECODER = "jwksJwtDecoder";

		@Bean
		@ConditionalOnMissingBean
		JwtAuthenticationConverter jwtAuthenticationConverter() {
			return JwtRoles.converter();
		}

		@Bean
		@ConditionalOnMissingBean
		StorefrontSecurity storefrontSecurity(JwtAuthenticationConverter converter, StorefrontWebSettings settings) {
			return new StorefrontSecurity(converter, new ProtectedResourceIdentifier(settings.publicBaseUrl()));
		}

		/**
		 * Spring Security would wrap each of its filters in an observation on every
		 * request: a cost on the hot path that buys spans nobody here collects (request
		 * metrics come from Spring MVC's own).
		 */
		@Bean
		@ConditionalOnMissingBean
		SecurityObservationSettings securityObservationSettings() {
			return SecurityObservationSettings.noObservations();
		}

		/**
		 * Every method reaches Spring MVC, which answers one no handler takes with the
		 * contract's 405 and an {@code Allow} header; the firewall's own list of methods
		 * answered {@code FOO} or {@code PROPFIND} with a 400. No rule depends on the
		 * method: protected routes are protected whatever it is, and product's writes
		 * check the admin role on the handler. What the firewall does refuse is a 400
		 * that says what it refused.
		 */
		@Bean
		@ConditionalOnMissingBean
		WebSecurityCustomizer anyMethodReachesTheHandlers() {
			StrictHttpFirewall firewall = new StrictHttpFirewall();
			firewall.setUnsafeAllowAnyHttpMethod(true);
			return (web) -> web.httpFirewall(firewall).requestRejectedHandler(new ProblemRequestRejectedHandler());
		}

		/**
		 * Checks {@code AUTH_JWKS_URL} before any bean is made, where the decoder below
		 * is the one in use: the decoder is made only after the database has been waited
		 * for, so a bad value would otherwise stop start-up that much later.
		 */
		@Bean
		static BeanFactoryPostProcessor jwksUrlCheck(Environment environment) {
			return (beanFactory) -> {
				if (beanFactory.containsBeanDefinition(JWKS_DECODER)) {
					JwksJwtDecoders.validate(jwksUrl(environment));
				}
			};
		}

		@Bean(JWKS_DECODER)
		@ConditionalOnMissingBean
		JwtDecoder jwksJwtDecoder(Environment environment) {
			return JwksJwtDecoders.fromUrl(jwksUrl(environment));
		}

		private static String jwksUrl(Environment environment) {
			String url = environment.getProperty(JwksJwtDecoders.AUTH_JWKS_URL);
			return (url == null || url.isBlank()) ? JwksJwtDecoders.DEFAULT_JWKS_URL : url.trim();
		}

	}

}
