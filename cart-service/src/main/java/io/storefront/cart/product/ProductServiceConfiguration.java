package io.storefront.cart.product;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import io.storefront.web.autoconfigure.StorefrontWebSettings;

/**
 * Wires the product-service client: the validated URL, a {@link RestClient} from Boot's
 * builder over one Apache HttpClient with a short connect timeout, and the Resilience4j
 * retry and circuit breaker (plain library use), whose state changes are logged and whose
 * numbers are on {@code /metrics} ({@code resilience4j_circuitbreaker_*},
 * {@code resilience4j_retry_*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductServiceSettings.class)
class ProductServiceConfiguration {

	static final String NAME = "product-service";

	/** Shorter than any server's keep-alive timeout. */
	private static final TimeValue IDLE_UNCHECKED = TimeValue.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(ProductServiceConfiguration.class);

	/**
	 * Checks {@code PRODUCT_SERVICE_URL} before any bean is made, so that a bad value
	 * stops start-up at once rather than after the shared library has waited for the
	 * database.
	 */
	@Bean
	static BeanFactoryPostProcessor productServiceUrlCheck(Environment environment) {
		return (beanFactory) -> ProductServiceUrl.parse(environment.getProperty(ProductServiceUrl.VARIABLE));
	}

	@Bean
	ProductServiceUrl productServiceUrl(Environment environment) {
		ProductServiceUrl url = ProductServiceUrl.parse(environment.getProperty(ProductServiceUrl.VARIABLE));
		logger.atInfo().addKeyValue("product_service_url", url).log("products are looked up at {}", url);
		return url;
	}

	@Bean
	CircuitBreakerRegistry productServiceBreakers(ProductServiceSettings settings) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(settings.breakerWindow(), settings.breakerMinimumCalls(), SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(settings.breakerFailureRate())
			.waitDurationInOpenState(settings.breakerOpenDuration())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.permittedNumberOfCallsInHalfOpenState(settings.breakerTrialCalls())
			.recordException(ProductServiceFailure.class::isInstance)
			.ignoreException(ProductAnswerException.class::isInstance)
			.build();
		return CircuitBreakerRegistry.of(config);
	}

	@Bean
	CircuitBreaker productServiceBreaker(CircuitBreakerRegistry breakers, ProductServiceSettings settings) {
		CircuitBreaker breaker = breakers.circuitBreaker(NAME);
		breaker.getEventPublisher()
			.onStateTransition((event) -> logger.atWarn()
				.addKeyValue("circuit_breaker", event.getCircuitBreakerName())
				.addKeyValue("from_state", event.getStateTransition().getFromState())
				.addKeyValue("to_state", event.getStateTransition().getToState())
				.log("circuit breaker {} {} -> {}: {}", event.getCircuitBreakerName(),
						event.getStateTransition().getFromState(), event.getStateTransition().getToState(),
						meaning(event.getStateTransition().getToState(), settings)));
		return breaker;
	}

	private static String meaning(CircuitBreaker.State state, ProductServiceSettings settings) {
		return switch (state) {
			case OPEN -> "adds answer 503 without calling the product service for "
					+ settings.breakerOpenDuration().toMillis() + " ms";
			case HALF_OPEN -> settings.breakerTrialCalls() + " trial calls decide whether it closes again";
			case CLOSED -> "calls flow normally";
			default -> "set by hand";
		};
	}

	@Bean
	RetryRegistry productServiceRetries(ProductServiceSettings settings) {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(2)
			.waitDuration(settings.retryBackoff())
			.retryOnException((thrown) -> thrown instanceof ProductServiceFailure failure && failure.retryable())
			.build();
		return RetryRegistry.of(config);
	}

	@Bean
	Retry productServiceRetry(RetryRegistry retries) {
		Retry retry = retries.retry(NAME);
		retry.getEventPublisher().onRetry((event) -> {
			long waitMillis = event.getWaitInterval().toMillis();
			int attempt = event.getNumberOfRetryAttempts() + 1;
			String reason = (event.getLastThrowable() != null) ? event.getLastThrowable().getMessage() : "-";
			logger.atInfo()
				.addKeyValue("retry", event.getName())
				.addKeyValue("wait_ms", waitMillis)
				.addKeyValue("attempt", attempt)
				.addKeyValue("reason", reason)
				.log("product lookup retried after {} ms: attempt={}, reason=\"{}\"", waitMillis, attempt, reason);
		});
		return retry;
	}

	@Bean
	TaggedCircuitBreakerMetrics productServiceBreakerMetrics(CircuitBreakerRegistry breakers) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
	}

	@Bean
	TaggedRetryMetrics productServiceRetryMetrics(RetryRegistry retries) {
		return TaggedRetryMetrics.ofRetryRegistry(retries);
	}

	@Bean(destroyMethod = "close")
	ExchangeDeadline productServiceExchangeDeadline() {
		return new ExchangeDeadline();
	}

	/**
	 * HTTP/1.1 without TLS on the cluster's network: connections are kept open and reused
	 * between calls. Resilience4j decides on retries, so the client makes none of its
	 * own, and it follows no redirects. The pool may open one connection per request the
	 * service processes at once ({@code storefront.web.max-concurrent-requests}): every
	 * add and raise looks its product up before it waits for anything else, so that many
	 * lookups can be in flight, and a smaller pool would make the last ones wait for a
	 * connection within their deadline. Connections are opened only as lookups need them.
	 * A connection idle for longer than {@link #IDLE_UNCHECKED} is checked before it is
	 * used (HttpClient 5 checks none by default): the product service closes connections
	 * it finds idle, and a lookup sent down a closed one fails, as its retry did down the
	 * next.
	 */
	@Bean(destroyMethod = "close")
	CloseableHttpClient productServiceHttpClient(ProductServiceSettings settings, ExchangeDeadline deadline,
			StorefrontWebSettings web) {
		int inFlight = web.maxConcurrentRequests();
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(settings.connectTimeout()))
			.setValidateAfterInactivity(IDLE_UNCHECKED)
			.build();
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(connections)
				.setMaxConnPerRoute(inFlight)
				.setMaxConnTotal(inFlight)
				.build())
			.addExecInterceptorFirst(ExchangeDeadline.NAME, deadline)
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableContentCompression()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	@Bean
	ProductCatalog productCatalog(RestClient.Builder restClients, CloseableHttpClient productServiceHttpClient,
			ProductServiceUrl url, CircuitBreaker breaker, Retry retry, ProductServiceSettings settings) {
		ProductHttp http = new ProductHttp(restClients.baseUrl(url.base()), productServiceHttpClient,
				settings.firstAttemptTimeout());
		return new ProductCatalog(http, breaker, retry, settings);
	}

}
