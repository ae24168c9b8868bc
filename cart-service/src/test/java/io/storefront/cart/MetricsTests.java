package io.storefront.cart;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.PrometheusRules;
import io.storefront.web.testing.ScrapedMetricsContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cart's {@code /metrics} after an add has gone through the breaker: cart alone exports
 * the breaker's {@code resilience4j_*} metrics, so it must have every metric the rules
 * read.
 */
class MetricsTests extends CartApiTestSupport implements ScrapedMetricsContract {

	@BeforeEach
	void someTrafficThroughTheBreaker() {
		products.product(901, "Measuring cup", "3.00", "USD", 5);
		assertThat(add(tokens.user(newUser()), 901, 1).status()).isEqualTo(201);
	}

	@Override
	public int metricsPort() {
		return this.port;
	}

	@Override
	public Set<String> metricsTheRulesNeed() {
		return PrometheusRules.metricsRead();
	}

}
